#pragma once
// Atomic file writes: the content goes to a temporary file in the target's folder, is flushed,
// and is renamed over the target only when complete. A crash, a full disk or a bad path leaves
// the previous file untouched (no half-written checkpoints or CSVs). The one implementation for
// core and the CLI (checkpoints, point sets, diffusion-cli --out); Qt code uses QSaveFile.

#include <fstream>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>

namespace ds {

// An I/O failure; the message names the path and what went wrong.
class AtomicWriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A file written in pieces: stream() goes to the temporary file, commit() renames it into place.
// Destroyed without commit() (an exception, a cancelled job), the temporary file is removed and
// the target keeps its old content.
class AtomicFileWriter {
 public:
  // Throws AtomicWriteError when `path` is empty, a folder, or its folder cannot be written.
  explicit AtomicFileWriter(std::string path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  std::ostream& stream() { return m_out; }
  const std::string& path() const { return m_path; }
  // Flushes, closes and renames. Throws AtomicWriteError on a write error (disk full) or when the
  // target cannot be replaced.
  void commit();

 private:
  std::string m_path;
  std::string m_tmpPath;
  std::ofstream m_out;
  bool m_committed = false;
};

// Calls `write` with a binary stream into a temporary file next to `path`, then renames it to
// `path`. If `write` throws or the stream fails, the temporary file is removed, `path` keeps its
// old content and the exception propagates (AtomicWriteError for I/O failures).
void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write);

// Convenience: the whole content at once.
void writeFileAtomically(const std::string& path, const std::string& content);

}  // namespace ds
