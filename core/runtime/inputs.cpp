// Input helpers: the deterministic test inputs of ../shared/models/expected, .npy files and
// 8-bit grayscale BMPs turned into input tensor bytes.
#include <cstring>
#include <fstream>
#include <iterator>
#include <regex>

#include "runtime/interpreter.h"
#include "util/error.h"

namespace mcunet::runtime {
namespace {

std::vector<uint8_t> readWholeFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw fileError(ErrorCode::FileNotFound, path, "cannot open file");
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    if (bytes.empty()) throw fileError(ErrorCode::EmptyFile, path, "file is empty");
    return bytes;
}

template <typename T>
T readLE(const std::vector<uint8_t>& bytes, size_t offset) {
    T value;
    std::memcpy(&value, bytes.data() + offset, sizeof(T));  // host is little-endian (x86-64, ARM)
    return value;
}

}  // namespace

std::vector<uint8_t> makeRampInput(const ir::Tensor& tensor) {
    const int64_t count = tensor.elementCount();
    std::vector<uint8_t> bytes(static_cast<size_t>(tensor.byteSize()));
    for (int64_t i = 0; i < count; ++i) {
        const int32_t base = static_cast<int32_t>((i * 37 + 11) % 256);
        switch (tensor.dtype) {
            case ir::DType::Int8: bytes[i] = static_cast<uint8_t>(static_cast<int8_t>(base - 128)); break;
            case ir::DType::UInt8: bytes[i] = static_cast<uint8_t>(base); break;
            case ir::DType::Int16: {
                const auto v = static_cast<int16_t>((i * 37 + 11) % 65536 - 32768);
                std::memcpy(bytes.data() + 2 * i, &v, 2);
                break;
            }
            case ir::DType::Float32: {
                const float v = static_cast<float>(base - 128) / 128.0f;
                std::memcpy(bytes.data() + 4 * i, &v, 4);
                break;
            }
            default:
                throw Error(ErrorCode::InvalidArgument, "ramp input for tensor '" + tensor.name + "': dtype " +
                                                            std::string(ir::dtypeName(tensor.dtype)) +
                                                            " is not supported (int8, uint8, int16, float32)");
        }
    }
    return bytes;
}

std::vector<uint8_t> makeZerosInput(const ir::Tensor& tensor) {
    return std::vector<uint8_t>(static_cast<size_t>(tensor.byteSize()), 0);
}

std::vector<uint8_t> readNpyInput(const std::string& path, const ir::Tensor& tensor) {
    const std::vector<uint8_t> file = readWholeFile(path);
    static const uint8_t kMagic[] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
    if (file.size() < 10 || std::memcmp(file.data(), kMagic, 6) != 0)
        throw fileError(ErrorCode::WrongFormat, path, "not a .npy file (magic \\x93NUMPY missing)");
    const uint8_t major = file[6];
    size_t headerLength = 0, headerStart = 0;
    if (major == 1) {
        headerLength = readLE<uint16_t>(file, 8);
        headerStart = 10;
    } else if (major == 2 || major == 3) {
        if (file.size() < 12) throw fileError(ErrorCode::CorruptFile, path, "truncated .npy header");
        headerLength = readLE<uint32_t>(file, 8);
        headerStart = 12;
    } else {
        throw fileError(ErrorCode::UnsupportedModel, path, ".npy format version " + std::to_string(major) + " is not supported");
    }
    if (headerStart + headerLength > file.size()) throw fileError(ErrorCode::CorruptFile, path, "truncated .npy header");
    const std::string header(reinterpret_cast<const char*>(file.data() + headerStart), headerLength);

    std::smatch match;
    if (!std::regex_search(header, match, std::regex(R"('descr'\s*:\s*'([^']*)')")))
        throw fileError(ErrorCode::CorruptFile, path, ".npy header has no 'descr'");
    const std::string descr = match[1];
    if (std::regex_search(header, std::regex(R"('fortran_order'\s*:\s*True)")))
        throw fileError(ErrorCode::UnsupportedModel, path, "Fortran-order arrays are not supported; save in C order");
    if (!std::regex_search(header, match, std::regex(R"('shape'\s*:\s*\(([^)]*)\))")))
        throw fileError(ErrorCode::CorruptFile, path, ".npy header has no 'shape'");
    int64_t count = 1;
    const std::string dims = match[1];
    const std::regex number(R"(\d+)");
    for (std::sregex_iterator it(dims.begin(), dims.end(), number), end; it != end; ++it)
        count *= std::stoll(it->str());

    ir::DType dtype;
    if (descr == "|i1" || descr == "i1" || descr == "<i1") dtype = ir::DType::Int8;
    else if (descr == "|u1" || descr == "u1" || descr == "<u1") dtype = ir::DType::UInt8;
    else if (descr == "<f4") dtype = ir::DType::Float32;
    else
        throw fileError(ErrorCode::UnsupportedModel, path,
                        "dtype '" + descr + "' is not supported (int8 '|i1', uint8 '|u1', little-endian float32 '<f4')");
    if (dtype != tensor.dtype)
        throw fileError(ErrorCode::InvalidArgument, path,
                        "holds " + std::string(ir::dtypeName(dtype)) + " but input '" + tensor.name + "' is " +
                            std::string(ir::dtypeName(tensor.dtype)));
    if (count != tensor.elementCount())
        throw fileError(ErrorCode::InvalidArgument, path,
                        "holds " + std::to_string(count) + " values but input '" + tensor.name + "' (" +
                            ir::shapeToString(tensor.shape) + ") needs " + std::to_string(tensor.elementCount()));
    const size_t dataStart = headerStart + headerLength;
    const auto bytes = static_cast<size_t>(tensor.byteSize());
    if (file.size() - dataStart < bytes)
        throw fileError(ErrorCode::CorruptFile, path,
                        "data is truncated: " + std::to_string(file.size() - dataStart) + " bytes, expected " +
                            std::to_string(bytes));
    return std::vector<uint8_t>(file.begin() + static_cast<std::ptrdiff_t>(dataStart),
                                file.begin() + static_cast<std::ptrdiff_t>(dataStart + bytes));
}

GrayImage readBmpGray8(const std::string& path) {
    const std::vector<uint8_t> file = readWholeFile(path);
    if (file.size() < 54 || file[0] != 'B' || file[1] != 'M')
        throw fileError(ErrorCode::WrongFormat, path, "not a BMP file ('BM' signature missing)");
    const uint32_t pixelOffset = readLE<uint32_t>(file, 10);
    const uint32_t infoSize = readLE<uint32_t>(file, 14);
    if (infoSize < 40) throw fileError(ErrorCode::UnsupportedModel, path, "BMP header older than BITMAPINFOHEADER");
    const int32_t width = readLE<int32_t>(file, 18);
    const int32_t signedHeight = readLE<int32_t>(file, 22);
    const uint16_t bitCount = readLE<uint16_t>(file, 28);
    const uint32_t compression = readLE<uint32_t>(file, 30);
    uint32_t colorsUsed = readLE<uint32_t>(file, 46);
    if (bitCount != 8) throw fileError(ErrorCode::UnsupportedModel, path, std::to_string(bitCount) + "-bit BMP; expected 8-bit grayscale");
    if (compression != 0) throw fileError(ErrorCode::UnsupportedModel, path, "compressed BMP; expected uncompressed (BI_RGB)");
    if (width <= 0 || signedHeight == 0 || width > 65536 || signedHeight > 65536 || signedHeight < -65536)
        throw fileError(ErrorCode::CorruptFile, path, "bad BMP dimensions " + std::to_string(width) + "x" + std::to_string(signedHeight));
    if (colorsUsed == 0) colorsUsed = 256;
    if (colorsUsed > 256) throw fileError(ErrorCode::CorruptFile, path, "palette has more than 256 entries");
    const size_t paletteStart = 14 + static_cast<size_t>(infoSize);
    if (paletteStart + 4 * static_cast<size_t>(colorsUsed) > file.size())
        throw fileError(ErrorCode::CorruptFile, path, "palette is truncated");
    uint8_t gray[256] = {};
    for (uint32_t i = 0; i < colorsUsed; ++i) {
        const uint8_t* entry = file.data() + paletteStart + 4 * i;  // B, G, R, reserved
        if (entry[0] != entry[1] || entry[1] != entry[2])
            throw fileError(ErrorCode::UnsupportedModel, path, "palette entry " + std::to_string(i) + " is not gray");
        gray[i] = entry[2];
    }
    const bool bottomUp = signedHeight > 0;
    const int height = bottomUp ? signedHeight : -signedHeight;
    const size_t stride = (static_cast<size_t>(width) + 3) & ~size_t{3};  // rows are padded to 4 bytes
    if (pixelOffset + stride * static_cast<size_t>(height) > file.size())
        throw fileError(ErrorCode::CorruptFile, path, "pixel data is truncated");
    GrayImage image{width, height, std::vector<uint8_t>(static_cast<size_t>(width) * height)};
    for (int row = 0; row < height; ++row) {
        const int fileRow = bottomUp ? height - 1 - row : row;
        const uint8_t* src = file.data() + pixelOffset + stride * static_cast<size_t>(fileRow);
        for (int x = 0; x < width; ++x) {
            if (src[x] >= colorsUsed)
                throw fileError(ErrorCode::CorruptFile, path, "pixel refers to palette entry " + std::to_string(src[x]) +
                                                                  " beyond the " + std::to_string(colorsUsed) + " entries");
            image.pixels[static_cast<size_t>(row) * width + x] = gray[src[x]];
        }
    }
    return image;
}

std::vector<uint8_t> imageToInt8Input(const GrayImage& image, PixelMapping mapping) {
    std::vector<uint8_t> bytes(image.pixels.size());
    for (size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = mapping == PixelMapping::Offset128 ? static_cast<uint8_t>(static_cast<int8_t>(image.pixels[i] - 128))
                                                      : image.pixels[i];
    return bytes;
}

}  // namespace mcunet::runtime
