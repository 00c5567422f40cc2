# accredit_warnings: the warning flags every target of ours builds with.
add_library(accredit_warnings INTERFACE)
target_compile_options(accredit_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough
  -Wformat=2 -Wcast-qual -Wmissing-declarations)
if(ACCREDIT_WERROR)
  target_compile_options(accredit_warnings INTERFACE -Werror)
endif()
if(ACCREDIT_SANITIZE)
  string(REPLACE ";" "," _accredit_san "${ACCREDIT_SANITIZE}")
  target_compile_options(accredit_warnings INTERFACE -fsanitize=${_accredit_san}
                         -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(accredit_warnings INTERFACE -fsanitize=${_accredit_san})
endif()
