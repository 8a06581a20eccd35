/*
 * cxx: C++ containers churning, where every allocation is operator new
 * reached through libstdc++.  A std::map from std::string keys to
 * std::vector values gets random appends, erases and formatted reads;
 * keys are long enough to live on the heap, not in the string's small
 * buffer.
 *
 *   cxx [operations]     (default 3000000)
 *
 * Prints a checksum line.
 */
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "random.h"

namespace {

constexpr std::uint64_t kKeys = 50000;

std::uint64_t rng = RANDOM_SEED;

// "request/<n>/state": 17 characters or more, past the small-string buffer.
std::string make_key(std::uint64_t n) {
  return "request/" + std::to_string(n) + "/state";
}

// The first values of a vector joined with commas, as a report would.
std::string join(const std::vector<std::uint32_t> &values) {
  std::string text;
  for (std::size_t i = 0; i < values.size() && i < 8; i++) {
    text += std::to_string(values[i]);
    text += ',';
  }
  return text;
}

}  // namespace

int main(int argc, char **argv) {
  long operations = argc > 1 ? std::atol(argv[1]) : 3000000;
  std::map<std::string, std::vector<std::uint32_t>> index;
  std::uint64_t checksum = 0;
  for (long i = 0; i < operations; i++) {
    std::uint64_t r = xorshift(&rng);
    std::string key = make_key(r % kKeys);
    switch ((r >> 32) % 4) {
    case 0:
    case 1:
      index[key].push_back(static_cast<std::uint32_t>(r >> 40));
      break;
    case 2: {
      auto it = index.find(key);
      if (it != index.end()) {
        checksum += it->second.size();
        index.erase(it);
      }
      break;
    }
    default: {
      auto it = index.find(key);
      if (it != index.end())
        checksum += join(it->second).size();
      break;
    }
    }
  }
  for (const auto &[key, values] : index)
    for (std::uint32_t v : values)
      checksum = checksum * 31 + v + key.size();
  std::printf("cxx checksum %llu\n", static_cast<unsigned long long>(checksum));
  return 0;
}
