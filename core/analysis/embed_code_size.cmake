# Script mode (cmake -P): wraps the engine's measured code-size JSON (INPUT) into a C++ source
# (OUTPUT) defining mcunet::analysis::detail::measuredEngineCodeSizeJson().
file(READ ${INPUT} json)
file(WRITE ${OUTPUT} "// Generated from ${INPUT} by embed_code_size.cmake; do not edit.\n"
  "namespace mcunet::analysis::detail {\n"
  "const char* measuredEngineCodeSizeJson() {\n"
  "    return R\"mcunet_json(${json})mcunet_json\";\n"
  "}\n"
  "}  // namespace mcunet::analysis::detail\n")
