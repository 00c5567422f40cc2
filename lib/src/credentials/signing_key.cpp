// SigningKey over OpenSSL 3 (EVP_PKEY, Ed25519): generating, reading and writing the PEM file,
// signing. See accredit/keys.h.
#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "accredit/keys.h"
#include "base/untrusted_file.h"

namespace accredit {

namespace {

// No key file is larger than this (an Ed25519 PEM is 119 bytes).
constexpr std::uint64_t kMaxKeyFileBytes = 64 * 1024;

// OpenSSL's last error, in its own words, and the queue emptied.
std::string OpenSslError() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown OpenSSL error";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

// Never asks for a passphrase (OpenSSL would prompt on the terminal): an encrypted key is
// refused instead.
int NoPassphrase(char*, int, int, void*) { return -1; }

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using Bio = std::unique_ptr<BIO, BioFree>;

// Wipes a string that held private key material before it is freed.
void Wipe(std::string& text) {
  if (!text.empty()) OPENSSL_cleanse(text.data(), text.size());
  text.clear();
}

}  // namespace

struct SigningKey::Impl {
  Pkey key;
};

SigningKey::SigningKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
  unsigned char raw[kEd25519KeyBytes];
  std::size_t size = sizeof raw;
  if (EVP_PKEY_get_raw_public_key(impl_->key.get(), raw, &size) == 1 && size == sizeof raw) {
    public_key_.assign(reinterpret_cast<const char*>(raw), size);
  }
}
SigningKey::~SigningKey() = default;
SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&&) noexcept = default;

std::optional<SigningKey> SigningKey::Generate(std::string& error) {
  Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!key) {
    error = "could not make an Ed25519 key: " + OpenSslError();
    return std::nullopt;
  }
  return SigningKey(std::make_unique<Impl>(Impl{std::move(key)}));
}

std::optional<SigningKey> SigningKey::FromPem(std::string_view pem, std::string& error) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) {
    error = OpenSslError();
    return std::nullopt;
  }
  Pkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
  if (!key) {
    ERR_clear_error();
    error =
        "it is not a private key in PEM form (a file that begins \"-----BEGIN PRIVATE KEY-----\"), "
        "or it is protected by a passphrase, which accredit does not ask for";
    return std::nullopt;
  }
  if (EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) {
    const char* type = EVP_PKEY_get0_type_name(key.get());
    error = fmt::format(
        "it is {} key; accredit signs with Ed25519 keys only (make one with `accredit keys new`)",
        type != nullptr ? fmt::format("an {}", type) : std::string("another kind of"));
    return std::nullopt;
  }
  return SigningKey(std::make_unique<Impl>(Impl{std::move(key)}));
}

std::optional<SigningKey> SigningKey::Load(const std::string& path, std::string& error) {
  internal::OpenedFile file = internal::OpenUntrustedFile(path, kMaxKeyFileBytes);
  switch (file.fault) {
    case internal::FileFault::kNone:
      break;
    case internal::FileFault::kCannotOpen:
      error =
          fmt::format("cannot open the key file '{}': {}", path, internal::ErrnoText(file.error));
      return std::nullopt;
    case internal::FileFault::kFolder:
      error = fmt::format("'{}' is a folder, not a key file", path);
      return std::nullopt;
    case internal::FileFault::kTooLarge:
      error = fmt::format("'{}' is {} bytes: too large for a key file", path, file.size);
      return std::nullopt;
    default:
      error = fmt::format("'{}' is not a regular file, so not a key file", path);
      return std::nullopt;
  }
  struct stat st {};
  if (fstat(file.fd.get(), &st) != 0) {
    error = fmt::format("cannot read the key file '{}': {}", path, internal::ErrnoText(errno));
    return std::nullopt;
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    error = fmt::format(
        "the key file '{}' may be read by others than its owner (mode {:03o}), so it is not "
        "used: a signing key must stay secret. Make it private with `chmod 600 {}`, and if "
        "others may have read it, make a new key",
        path, st.st_mode & 0777, path);
    return std::nullopt;
  }
  std::string pem;
  char buffer[4096];
  for (;;) {
    const ssize_t n = read(file.fd.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Wipe(pem);
      error = fmt::format("cannot read the key file '{}': {}", path, internal::ErrnoText(errno));
      return std::nullopt;
    }
    if (n == 0) break;
    pem.append(buffer, static_cast<std::size_t>(n));
    if (pem.size() > kMaxKeyFileBytes) {
      Wipe(pem);
      error = fmt::format("'{}' grew while it was read: too large for a key file", path);
      return std::nullopt;
    }
  }
  OPENSSL_cleanse(buffer, sizeof buffer);
  std::string why;
  std::optional<SigningKey> key = FromPem(pem, why);
  Wipe(pem);
  if (!key) error = fmt::format("'{}' cannot be used as a signing key: {}", path, why);
  return key;
}

bool SigningKey::Save(const std::string& path, std::string& error) const {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), impl_->key.get(), nullptr, nullptr, 0, nullptr,
                                       nullptr) != 1) {
    error = "could not write the key: " + OpenSslError();
    return false;
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  // O_EXCL: a key is never written over another (that would lose the key the centre's
  // credentials were signed with); O_NOFOLLOW: nor through a symbolic link.
  const int fd =
      open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd < 0) {
    error = errno == EEXIST ? fmt::format(
                                  "'{}' already exists: accredit does not write a key over another "
                                  "file. Choose another name, or move the old key away first",
                                  path)
                            : fmt::format("cannot create the key file '{}': {}", path,
                                          internal::ErrnoText(errno));
    return false;
  }
  internal::Fd owned(fd);
  bool ok = fchmod(fd, S_IRUSR | S_IWUSR) == 0;
  for (long written = 0; ok && written < size;) {
    const ssize_t n = write(fd, data + written, static_cast<std::size_t>(size - written));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ok = false;
    if (n > 0) written += n;
  }
  ok = ok && fsync(fd) == 0;
  const int saved = errno;
  OPENSSL_cleanse(data, static_cast<std::size_t>(size));
  if (!ok) {
    unlink(path.c_str());
    error = fmt::format("cannot write the key file '{}': {}", path, internal::ErrnoText(saved));
  }
  return ok;
}

std::string SigningKey::Sign(std::string_view message) const {
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  unsigned char signature[64];
  std::size_t size = sizeof signature;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, impl_->key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), signature, &size,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    ERR_clear_error();
    return {};
  }
  return std::string(reinterpret_cast<const char*>(signature), size);
}

}  // namespace accredit
