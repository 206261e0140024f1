#pragma once
// Atomic file writes: the content goes to a temporary file in the target's folder, is flushed,
// and is renamed over the target only when complete. A crash, a full disk or a bad path leaves
// the previous file untouched (no half-written checkpoints or CSVs). Qt code uses QSaveFile.

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

// Calls `write` with a binary stream into a temporary file next to `path`, then renames it to
// `path`. If `write` throws or the stream fails, the temporary file is removed, `path` keeps its
// old content and the exception propagates (AtomicWriteError for I/O failures).
void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write);

// Convenience: the whole content at once.
void writeFileAtomically(const std::string& path, const std::string& content);

}  // namespace ds
