#include "core/runtime/atomicfile.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace ds {

namespace {

// Unique within the process (counter) and across processes (pid + time), so two writers of the
// same target never share a temporary file.
std::string temporaryPathFor(const std::string& path) {
  static std::atomic<unsigned long long> counter{0};
  const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(now) + "-" +
         std::to_string(counter.fetch_add(1));
}

}  // namespace

void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
  if (path.empty()) throw AtomicWriteError("no output file name given");
  if (std::filesystem::is_directory(path)) throw AtomicWriteError(path + ": is a folder, not a file");
  const std::string tmp = temporaryPathFor(path);
  try {
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) throw AtomicWriteError(path + ": cannot write here (" + std::strerror(errno) + ")");
      write(out);
      out.flush();
      if (!out) throw AtomicWriteError(path + ": write error (disk full?)");
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
      throw AtomicWriteError(path + ": cannot replace the file (" + std::strerror(errno) + ")");
    }
  } catch (...) {
    std::remove(tmp.c_str());  // best effort: the original file is untouched either way
    throw;
  }
}

void writeFileAtomically(const std::string& path, const std::string& content) {
  writeFileAtomically(path, [&](std::ostream& out) { out.write(content.data(), static_cast<std::streamsize>(content.size())); });
}

}  // namespace ds
