# accredit_embed_rules(OUT_CPP DIR): generate a .cpp that holds every *.yaml file below DIR
# (except the *.test.yaml files) as a byte array, so the binary carries the shipped rules and
# `accredit validate FILE` works with no --rules. Regenerated whenever a rule file changes.
function(accredit_embed_rules out_cpp dir)
  file(GLOB_RECURSE _rule_files CONFIGURE_DEPENDS RELATIVE "${dir}" "${dir}/*.yaml")
  # Test files (*.test.yaml) are examples for `accredit test`, read from disk: not embedded.
  list(FILTER _rule_files EXCLUDE REGEX "\\.test\\.yaml$")
  list(SORT _rule_files)
  set(_deps "")
  foreach(f IN LISTS _rule_files)
    list(APPEND _deps "${dir}/${f}")
  endforeach()
  add_custom_command(
    OUTPUT "${out_cpp}"
    COMMAND ${CMAKE_COMMAND} -DDIR=${dir} -DOUT=${out_cpp} -P
            "${PROJECT_SOURCE_DIR}/cmake/EmbedRulesScript.cmake"
    DEPENDS ${_deps} "${PROJECT_SOURCE_DIR}/cmake/EmbedRulesScript.cmake"
    COMMENT "Embedding shipped rules from ${dir}"
    VERBATIM)
endfunction()
