#pragma once
// Atomic file writes: the content goes to a temporary file in the target's folder, is flushed and
// fsync'ed, and is renamed over the target only when complete. A crash, a full disk or a bad path
// leaves the previous file untouched (no half-written checkpoints or CSVs). The one implementation
// for core and the CLI (checkpoints, point sets, PNGs, diffusion-cli --out); Qt code uses QSaveFile.
//
// What may be replaced (checked before anything is written):
// - a missing file, or an existing regular file: its permission bits are kept;
// - a symbolic link to a regular file: the link is followed and the file it points at is replaced
//   (the link stays a link), as `cp` or an editor writing through a link would do;
// - anything else is refused: a folder, a device (/dev/null), a FIFO, a socket, a dangling link.
//   Renaming over a device would swap it for a regular file (as root, /dev/null itself).

#include <fstream>  // for the callers that read back what they wrote
#include <functional>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <streambuf>
#include <string>

namespace ds {

// An I/O failure; the message names the path and what went wrong.
class AtomicWriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Checks that `path` may be replaced by an atomic write (see above) and returns the file that
// will actually be written: `path`, or the regular file a symbolic link points at. Throws
// AtomicWriteError naming the path and the reason. Callers use it to refuse a bad output before a
// long job; the writer checks again.
std::string replaceableTarget(const std::string& path);

// A file written in pieces: stream() goes to the temporary file, commit() renames it into place.
// Destroyed without commit() (an exception, a cancelled job), the temporary file is removed and
// the target keeps its old content.
class AtomicFileWriter {
 public:
  // Throws AtomicWriteError when `path` may not be replaced (see above) or its folder cannot be
  // written. The temporary file is `.NAME.XXXXXX.tmp` beside the target, unique per writer.
  explicit AtomicFileWriter(std::string path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  std::ostream& stream() { return m_out; }
  const std::string& path() const { return m_path; }
  // Flushes, fsyncs, renames, and fsyncs the folder. Throws AtomicWriteError on a write error
  // (disk full) or when the target cannot be replaced; the temporary file is then removed.
  void commit();

 private:
  class FdBuf;
  void discard();

  std::string m_path;    // as given (for messages)
  std::string m_target;  // the file replaced: m_path, or where its symbolic link points
  std::string m_tmpPath;
  int m_liveSlot = -1;  // where the signal handler finds m_tmpPath (see removeTemporaryFilesNow)
  int m_fd = -1;
  int m_mode = -1;  // permission bits to give the new file (those of the replaced one), or -1
  std::unique_ptr<FdBuf> m_buf;
  std::ostream m_out;
  bool m_committed = false;
};

// For a program (the CLI): on SIGTERM, SIGHUP or SIGINT, remove the temporary files of the writers
// still open, then die of the signal as before. Without it a killed run leaves `.NAME.XXXXXX.tmp`
// behind. A handler the program installs later for one of these signals takes precedence (and
// may call removeTemporaryFilesNow itself).
void removeTemporaryFilesOnSignals();

// Removes the temporary files of every open writer. Async-signal-safe: for signal handlers.
void removeTemporaryFilesNow();

// Calls `write` with a binary stream into a temporary file next to `path`, then renames it to
// `path`. If `write` throws or the stream fails, the temporary file is removed, `path` keeps its
// old content and the exception propagates (AtomicWriteError for I/O failures).
void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write);

// Convenience: the whole content at once.
void writeFileAtomically(const std::string& path, const std::string& content);

}  // namespace ds
