// Reads TF-Lite Micro's recorded per-operator outputs (../shared/models/expected/intermediate/*.json:
// shape, quantization, FNV-1a hash and first 16 values of every op output for the `ramp` input), so
// kernel tests can check themselves against TFLM's own numbers wherever an operator's whole input
// is known (tiny tensors, or inputs computable from the ramp definition).
#pragma once

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace engine_test {

inline nlohmann::json loadIntermediate(const std::string& model) {
  std::ifstream in(std::string(MCUNET_SHARED_DIR) + "/models/expected/intermediate/" + model + ".json");
  if (!in) return nlohmann::json();
  return nlohmann::json::parse(in);
}

inline uint32_t fnv1a(const void* data, size_t n) {
  const auto* p = static_cast<const uint8_t*>(data);
  uint32_t h = 0x811c9dc5u;
  for (size_t i = 0; i < n; ++i) {
    h ^= p[i];
    h *= 0x01000193u;
  }
  return h;
}

inline std::string hex8(uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

}  // namespace engine_test
