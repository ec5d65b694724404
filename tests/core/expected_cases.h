// The shared models' recorded cases (../shared/models/expected/*.json), as the interpreter and
// codegen tests read them: the JSON itself, the inputs a case names, and the hash format.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "runtime/interpreter.h"

namespace mcunet::expected_cases {

inline const std::string kSharedDir = MCUNET_SHARED_DIR;

inline nlohmann::json readJson(const std::string& path) {
    std::ifstream file(path);
    EXPECT_TRUE(file.good()) << path;
    return nlohmann::json::parse(file);
}

// FNV-1a hashes are recorded as eight lower-case hex digits.
inline std::string hex8(uint32_t value) {
    char text[9];
    std::snprintf(text, sizeof text, "%08x", value);
    return text;
}

// The input a case names: "ramp", "zeros", or a BMP under ../shared/data, offset by 128 or, with
// the suffix "[bytes_as_int8]", its bytes taken as int8.
inline std::vector<uint8_t> inputFor(const std::string& name, const ir::Tensor& tensor) {
    if (name == "ramp") return runtime::makeRampInput(tensor);
    if (name == "zeros") return runtime::makeZerosInput(tensor);
    const bool reinterpret = name.find("[bytes_as_int8]") != std::string::npos;
    const runtime::GrayImage image = runtime::readBmpGray8(kSharedDir + "/data/" + name.substr(0, name.find('[')));
    return runtime::imageToInt8Input(image, reinterpret ? runtime::PixelMapping::ReinterpretBytes
                                                        : runtime::PixelMapping::Offset128);
}

}  // namespace mcunet::expected_cases
