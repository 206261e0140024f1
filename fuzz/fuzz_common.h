#pragma once
// Shared by the libFuzzer targets in fuzz/ (docs/fuzzing.md).
//
// What counts as a finding: a crash, an AddressSanitizer or UndefinedBehaviorSanitizer report, a
// leak, a hang (-timeout), an allocation over -malloc_limit_mb, or an exception other than the
// documented "clear error" ones. Those — std::runtime_error (every parser's own error class derives
// from it), std::invalid_argument and c10::Error (LibTorch's, for an unreadable archive) — are what
// the parsers promise for bad input, so the targets catch them and go on.

#include <ATen/Parallel.h>
#include <c10/util/Exception.h>

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace dsfuzz {

// Runs `parse` and swallows the documented errors; anything else propagates (a finding).
template <class Parse>
void expectCleanError(Parse&& parse) {
  try {
    parse();
  } catch (const std::invalid_argument&) {
  } catch (const std::runtime_error&) {
  } catch (const c10::Error&) {}
}

// One intra-op thread: the runs share a small machine, and a parser never needs more.
inline void singleThreaded() { at::set_num_threads(1); }

// The bytes as a file, for the readers that take a path as the CLI does (the PNG, IDX and image
// checkpoint readers check the file itself: its size, whether it is gzip). In /dev/shm (memory),
// one name per process so that parallel jobs do not share it; removed at exit.
class ScratchFile {
 public:
  explicit ScratchFile(const std::string& tag) {
    const char* dir = std::getenv("DS_FUZZ_TMPDIR");
    m_path = std::string(dir && *dir ? dir : "/dev/shm") + "/ds-fuzz-" + std::to_string(::getpid()) + "-" + tag;
  }
  ~ScratchFile() { std::remove(m_path.c_str()); }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  // Replaces the file's content with the bytes; aborts if it cannot (a broken setup, not a finding
  // to hide).
  const std::string& write(const std::uint8_t* data, std::size_t size) const {
    std::FILE* f = std::fopen(m_path.c_str(), "wb");
    if (!f || (size > 0 && std::fwrite(data, 1, size, f) != size) || std::fclose(f) != 0) {
      std::perror(m_path.c_str());
      std::abort();
    }
    return m_path;
  }
  const std::string& path() const { return m_path; }

 private:
  std::string m_path;
};

}  // namespace dsfuzz
