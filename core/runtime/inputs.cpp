// Input helpers: the deterministic test inputs of ../shared/models/expected, .npy files and
// 8-bit grayscale BMPs turned into input tensor bytes.
#include <cstring>
#include <fstream>
#include <iterator>
#include <charconv>
#include <filesystem>
#include <string_view>

#include "runtime/interpreter.h"
#include "util/error.h"
#include "util/file.h"

namespace mcunet::runtime {
namespace {

constexpr uint8_t kNpyMagic[] = {0x93, 'N', 'U', 'M', 'P', 'Y'};

std::string describeTensor(const ir::Tensor& tensor) {
    return std::string(ir::dtypeName(tensor.dtype)) + " " + ir::shapeToString(tensor.shape) + ", " +
           std::to_string(tensor.byteSize()) + " bytes";
}

std::string shapeText(const std::vector<int64_t>& shape) {
    std::string text = "(";
    for (size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + ")";
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

namespace {

// The .npy header is a Python dict literal, e.g.
//   {'descr': '<f4', 'fortran_order': False, 'shape': (1, 96, 96, 1), }
// parsed here by hand, in one pass, with every number range-checked (a regex recursed until the
// stack overflowed on a 26 kB header, and std::stoll threw on a 30-digit dimension).
struct NpyHeader {
    std::string descr;
    bool fortranOrder = false;
    std::vector<int64_t> shape;
    bool haveDescr = false, haveShape = false;
};

class NpyHeaderParser {
public:
    NpyHeaderParser(std::string_view text, const std::string& path) : text_(text), path_(path) {}

    NpyHeader parse() {
        NpyHeader header;
        expect('{');
        while (true) {
            skipSpace();
            if (peek() == '}') break;
            const std::string key = quoted();
            expect(':');
            skipSpace();
            if (key == "descr") {
                header.descr = quoted();
                header.haveDescr = true;
            } else if (key == "fortran_order") {
                header.fortranOrder = boolean();
            } else if (key == "shape") {
                header.shape = tuple();
                header.haveShape = true;
            } else {
                fail("unknown key '" + key + "' in the .npy header");
            }
            skipSpace();
            if (peek() == ',') ++pos_;
        }
        if (!header.haveDescr) fail(".npy header has no 'descr'");
        if (!header.haveShape) fail(".npy header has no 'shape'");
        return header;
    }

private:
    [[noreturn]] void fail(const std::string& message) const {
        throw fileError(ErrorCode::CorruptFile, path_, message);
    }
    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
    void skipSpace() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n')) ++pos_;
    }
    void expect(char c) {
        skipSpace();
        if (peek() != c)
            fail(std::string(".npy header: expected '") + c + "' at byte " + std::to_string(pos_) + " of the header");
        ++pos_;
    }
    std::string quoted() {
        skipSpace();
        const char quote = peek();
        if (quote != '\'' && quote != '"') fail(".npy header: expected a quoted key or value at byte " + std::to_string(pos_));
        const size_t end = text_.find(quote, pos_ + 1);
        if (end == std::string_view::npos) fail(".npy header: a string that never ends (missing closing quote)");
        if (end - pos_ - 1 > 64)
            fail(".npy header holds a string of " + std::to_string(end - pos_ - 1) +
                 " characters where keys and dtypes are a few; the file is damaged or not written by numpy");
        std::string value(text_.substr(pos_ + 1, end - pos_ - 1));
        pos_ = end + 1;
        return value;
    }
    bool boolean() {
        if (text_.substr(pos_, 4) == "True") return pos_ += 4, true;
        if (text_.substr(pos_, 5) == "False") return pos_ += 5, false;
        fail(".npy header: 'fortran_order' must be True or False");
    }
    std::vector<int64_t> tuple() {
        expect('(');
        std::vector<int64_t> dims;
        while (true) {
            skipSpace();
            if (peek() == ')') break;
            int64_t dim = 0;
            const char* first = text_.data() + pos_;
            const auto [last, ec] = std::from_chars(first, text_.data() + text_.size(), dim);
            if (ec == std::errc::result_out_of_range || (ec == std::errc() && dim > (int64_t{1} << 31)))
                fail(".npy shape has dimension " + std::string(first, std::min<size_t>(last - first, 24)) +
                     ", larger than any input tensor can be");
            if (ec != std::errc() || dim < 0) fail(".npy header: expected a dimension at byte " + std::to_string(pos_));
            dims.push_back(dim);
            if (dims.size() > 32) fail(".npy shape has more than 32 dimensions");
            pos_ = static_cast<size_t>(last - text_.data());
            skipSpace();
            if (peek() == ',') ++pos_;
            else if (peek() != ')') fail(".npy header: expected ',' or ')' in 'shape'");
        }
        ++pos_;
        return dims;
    }

    std::string_view text_;
    const std::string& path_;
    size_t pos_ = 0;
};

}  // namespace

std::vector<uint8_t> readNpyInput(const std::string& path, const ir::Tensor& tensor) {
    // Header (at most 64 kB, the 1.0 format's own bound; numpy writes 128 bytes) plus the data.
    constexpr int64_t kHeaderLimit = 65536 + 12;
    return npyInputFromBytes(
        util::readWholeFile(path, kHeaderLimit + tensor.byteSize(),
                            "a .npy array for input '" + tensor.name + "' (" + describeTensor(tensor) + ")"),
        path, tensor);
}

std::vector<uint8_t> npyInputFromBytes(const std::vector<uint8_t>& file, const std::string& path, const ir::Tensor& tensor) {
    if (file.size() < 10 || std::memcmp(file.data(), kNpyMagic, 6) != 0)
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
    if (headerLength > file.size() - headerStart) throw fileError(ErrorCode::CorruptFile, path, "truncated .npy header");
    const std::string_view headerText(reinterpret_cast<const char*>(file.data() + headerStart), headerLength);
    const NpyHeader header = NpyHeaderParser(headerText, path).parse();

    if (header.fortranOrder)
        throw fileError(ErrorCode::UnsupportedModel, path, "Fortran-order arrays are not supported; save in C order");
    int64_t count = 1;
    for (int64_t dim : header.shape)
        if (__builtin_mul_overflow(count, dim, &count) || count > (int64_t{1} << 40))
            throw fileError(ErrorCode::CorruptFile, path,
                            ".npy shape " + shapeText(header.shape) + " has more elements than any input tensor can have");

    const std::string& descr = header.descr;
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
                        "holds " + std::to_string(count) + " values (shape " + shapeText(header.shape) +
                            ") but input '" + tensor.name + "' (" + ir::shapeToString(tensor.shape) + ") needs " +
                            std::to_string(tensor.elementCount()));
    const size_t dataStart = headerStart + headerLength;
    const auto bytes = static_cast<size_t>(tensor.byteSize());
    if (file.size() - dataStart < bytes)
        throw fileError(ErrorCode::CorruptFile, path,
                        "data is truncated: " + std::to_string(file.size() - dataStart) + " bytes, expected " +
                            std::to_string(bytes));
    return std::vector<uint8_t>(file.begin() + static_cast<std::ptrdiff_t>(dataStart),
                                file.begin() + static_cast<std::ptrdiff_t>(dataStart + bytes));
}

std::vector<uint8_t> readRawInput(const std::string& path, const ir::Tensor& tensor) {
    const std::string what = "the raw bytes of input '" + tensor.name + "' (" + describeTensor(tensor) + ")";
    // The size is known before reading: a wrong file is refused without reading it.
    const int64_t size = util::regularFileSize(path, what);
    if (size != tensor.byteSize())
        throw fileError(ErrorCode::WrongFormat, path,
                        "has " + std::to_string(size) + " bytes; expected " + what + ", or a .npy file");
    return util::readWholeFile(path, tensor.byteSize(), what, /*allowEmpty=*/true);
}

std::vector<uint8_t> readInputFile(const std::string& path, const ir::Tensor& tensor) {
    const std::vector<uint8_t> head = util::readPrefix(path, 6, "an input file (.npy or raw bytes)");
    const bool npy = head.size() == 6 && std::memcmp(head.data(), kNpyMagic, 6) == 0;
    const bool npyName = std::filesystem::path(path).extension() == ".npy";
    return npy || npyName ? readNpyInput(path, tensor) : readRawInput(path, tensor);
}

GrayImage readBmpGray8(const std::string& path) {
    const std::vector<uint8_t> file = util::readWholeFile(path, int64_t{64} << 20, "an 8-bit grayscale BMP image");
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
