// Text formatting for the CLI: grouped integers, kB figures and simple aligned tables.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mcunet::cli {

std::string grouped(int64_t value);        // 1234567 -> "1,234,567"
std::string kiloBytes(int64_t bytes);      // 93992 -> "91.8 kB" (kB = 1024 B)

class Table {
public:
    explicit Table(std::vector<std::string> header, std::vector<bool> rightAligned = {});
    void addRow(std::vector<std::string> row);
    std::string render() const;

private:
    std::vector<std::string> header_;
    std::vector<bool> rightAligned_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace mcunet::cli
