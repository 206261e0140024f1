#pragma once
// Reading the fuzzed metadata inside the targets themselves (to pick the weights to write): a
// field is used only when it is an integer that fits, so the target adds no undefined behaviour
// of its own (nlohmann's get<int>() of 1e300 is an out-of-range float-to-int conversion).

#include <nlohmann/json.hpp>

#include <limits>
#include <stdexcept>
#include <string>

namespace dsfuzz {

inline int intField(const nlohmann::json& parent, const char* key) {
  const nlohmann::json& v = parent.at(key);
  if (!v.is_number_integer()) throw std::invalid_argument(std::string(key) + " is not an integer");
  if (v.is_number_unsigned() ? v.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<int>::max())
                             : (v.get<std::int64_t>() < std::numeric_limits<int>::min() ||
                                v.get<std::int64_t>() > std::numeric_limits<int>::max()))
    throw std::invalid_argument(std::string(key) + " is out of range");
  return static_cast<int>(v.get<std::int64_t>());
}

}  // namespace dsfuzz
