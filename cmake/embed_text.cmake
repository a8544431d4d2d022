# Writes OUTPUT, a C++ source defining `const char* const SYMBOL` (namespace caracal) holding the
# bytes of INPUT, so a file of the source tree is compiled into the binary (run at build time).
file(READ "${INPUT}" text)
set(delimiter "caracal_embedded")
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )${delimiter}\"")
endif()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by cmake/embed_text.cmake; do not edit.\n"
  "namespace caracal {\nextern const char* const ${SYMBOL};\n"
  "const char* const ${SYMBOL} = R\"${delimiter}(${text})${delimiter}\";\n}  // namespace caracal\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
