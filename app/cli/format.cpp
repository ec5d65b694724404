#include "format.h"

#include <algorithm>
#include <cstdio>

namespace mcunet::cli {

std::string grouped(int64_t value) {
    std::string digits = std::to_string(value < 0 ? -value : value);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return value < 0 ? "-" + out : out;
}

std::string kiloBytes(int64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f kB", static_cast<double>(bytes) / 1024.0);
    return text;
}

Table::Table(std::vector<std::string> header, std::vector<bool> rightAligned)
    : header_(std::move(header)), rightAligned_(std::move(rightAligned)) {
    rightAligned_.resize(header_.size(), false);
}

void Table::addRow(std::vector<std::string> row) {
    row.resize(header_.size());
    rows_.push_back(std::move(row));
}

std::string Table::render() const {
    std::vector<size_t> width(header_.size());
    for (size_t c = 0; c < header_.size(); ++c) {
        width[c] = header_[c].size();
        for (const auto& row : rows_) width[c] = std::max(width[c], row[c].size());
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string text;
        for (size_t c = 0; c < cells.size(); ++c) {
            const std::string pad(width[c] - cells[c].size(), ' ');
            text += rightAligned_[c] ? pad + cells[c] : cells[c] + pad;
            if (c + 1 < cells.size()) text += "  ";
        }
        while (!text.empty() && text.back() == ' ') text.pop_back();
        return text + "\n";
    };
    std::string text = line(header_);
    size_t total = 0;
    for (size_t w : width) total += w;
    text += std::string(total + 2 * (width.size() - 1), '-') + "\n";
    for (const auto& row : rows_) text += line(row);
    return text;
}

}  // namespace mcunet::cli
