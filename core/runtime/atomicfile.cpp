#include "core/runtime/atomicfile.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

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

AtomicFileWriter::AtomicFileWriter(std::string path) : m_path(std::move(path)) {
  if (m_path.empty()) throw AtomicWriteError("no output file name given");
  std::error_code ec;
  if (std::filesystem::is_directory(m_path, ec)) throw AtomicWriteError(m_path + ": is a folder, not a file");
  m_tmpPath = temporaryPathFor(m_path);
  m_out.open(m_tmpPath, std::ios::binary | std::ios::trunc);
  if (!m_out) {
    const std::string why = std::strerror(errno);
    m_tmpPath.clear();
    throw AtomicWriteError(m_path + ": cannot write here (" + why + ")");
  }
}

AtomicFileWriter::~AtomicFileWriter() {
  if (m_committed || m_tmpPath.empty()) return;
  m_out.close();
  std::remove(m_tmpPath.c_str());  // best effort: the target is untouched either way
}

void AtomicFileWriter::commit() {
  m_out.flush();
  const bool ok = static_cast<bool>(m_out);
  m_out.close();
  if (!ok || m_out.fail()) throw AtomicWriteError(m_path + ": write error (disk full?)");
  if (std::rename(m_tmpPath.c_str(), m_path.c_str()) != 0) {
    throw AtomicWriteError(m_path + ": cannot replace the file (" + std::strerror(errno) + ")");
  }
  m_committed = true;
}

void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
  AtomicFileWriter file(path);
  write(file.stream());
  file.commit();
}

void writeFileAtomically(const std::string& path, const std::string& content) {
  writeFileAtomically(
      path, [&](std::ostream& out) { out.write(content.data(), static_cast<std::streamsize>(content.size())); });
}

}  // namespace ds
