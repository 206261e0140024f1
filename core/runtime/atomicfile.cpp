#include "core/runtime/atomicfile.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <utility>
#include <vector>

namespace ds {

namespace {

std::string errorText(int error) { return std::strerror(error); }

// The folder a path lives in ("." for a bare name), for the temporary file and the folder fsync.
std::string folderOf(const std::string& path) {
  const std::string parent = std::filesystem::path(path).parent_path().string();
  return parent.empty() ? std::string(".") : parent;
}

// Six characters that differ between writers: a counter (same process), the pid (other processes)
// and the clock (a pid reused later). O_EXCL below makes a collision a retry, never a shared file.
std::string uniqueSuffix(unsigned attempt) {
  static std::atomic<unsigned long long> counter{0};
  static const char kChars[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  unsigned long long v = static_cast<unsigned long long>(std::chrono::steady_clock::now().time_since_epoch().count());
  v ^= static_cast<unsigned long long>(::getpid()) << 20;
  v += counter.fetch_add(1) * 0x9E3779B97F4A7C15ull + attempt;
  std::string s;
  for (int i = 0; i < 6; ++i, v /= 62) s += kChars[v % 62];
  return s;
}

void fsyncFolder(const std::string& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // best effort: the rename itself has happened
  ::fsync(fd);
  ::close(fd);
}

// The temporary files of the open writers, where a signal handler can read them: fixed storage,
// a slot's path is written before its flag is set, and the handler only reads and unlinks.
constexpr int kLiveSlots = 64;
struct LiveTemporary {
  std::atomic<bool> used{false};
  char path[4096] = {};
};
LiveTemporary g_live[kLiveSlots];
std::mutex g_liveMutex;  // claiming and releasing slots (normal code only)

int claimLiveSlot(const std::string& path) {
  if (path.size() >= sizeof(g_live[0].path)) return -1;
  const std::lock_guard<std::mutex> lock(g_liveMutex);
  for (int i = 0; i < kLiveSlots; ++i) {
    if (g_live[i].used.load(std::memory_order_relaxed)) continue;
    std::memcpy(g_live[i].path, path.c_str(), path.size() + 1);
    g_live[i].used.store(true, std::memory_order_release);
    return i;
  }
  return -1;  // more than kLiveSlots open writers: this one is not cleaned up on a signal
}

void releaseLiveSlot(int& slot) {
  if (slot < 0) return;
  const std::lock_guard<std::mutex> lock(g_liveMutex);
  g_live[slot].used.store(false, std::memory_order_release);
  slot = -1;
}

extern "C" void removeTemporariesAndDie(int signal) {
  removeTemporaryFilesNow();
  // Die of the same signal (the exit status says so); it is delivered when the handler returns.
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

}  // namespace

void removeTemporaryFilesNow() {
  for (LiveTemporary& live : g_live) {
    if (live.used.load(std::memory_order_acquire)) ::unlink(live.path);
  }
}

void removeTemporaryFilesOnSignals() {
  struct sigaction sa {};
  sa.sa_handler = removeTemporariesAndDie;
  sigemptyset(&sa.sa_mask);
  for (int signal : {SIGTERM, SIGHUP, SIGINT}) ::sigaction(signal, &sa, nullptr);
}

std::string replaceableTarget(const std::string& path) {
  if (path.empty()) throw AtomicWriteError("no output file name given");
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) throw AtomicWriteError(path + ": cannot use this path (" + errorText(errno) + ")");
    // A new file: its folder must exist and take new files (said now, not after a long job).
    std::string folder = std::filesystem::path(path).parent_path().string();
    if (folder.empty()) folder = ".";
    struct stat dir {};
    if (::stat(folder.c_str(), &dir) != 0) {
      throw AtomicWriteError(path + ": cannot write here (the folder " + folder + " does not exist)");
    }
    if (!S_ISDIR(dir.st_mode)) throw AtomicWriteError(path + ": cannot write here (" + folder + " is not a folder)");
    if (::access(folder.c_str(), W_OK | X_OK) != 0) {
      throw AtomicWriteError(path + ": cannot write here (no permission to create files in " + folder + ")");
    }
    return path;
  }
  std::string target = path;
  if (S_ISLNK(st.st_mode)) {
    // Follow the link: the file it points at is replaced and the link keeps pointing at it.
    std::error_code ec;
    target = std::filesystem::canonical(path, ec).string();
    if (ec || ::stat(target.c_str(), &st) != 0)
      throw AtomicWriteError(path + ": is a symbolic link to a missing file; refusing to write through it");
  }
  if (S_ISDIR(st.st_mode)) throw AtomicWriteError(path + ": is a folder, not a file");
  if (!S_ISREG(st.st_mode)) {
    throw AtomicWriteError(path +
                           ": is not a regular file (a device, pipe or socket); refusing to replace it. "
                           "Give the name of a regular file");
  }
  return target;
}

// The temporary file's stream: a plain buffer over the file descriptor, so that commit() can
// fsync and the error of a failed write (ENOSPC, EIO) reaches the message.
class AtomicFileWriter::FdBuf : public std::streambuf {
 public:
  explicit FdBuf(int fd) : m_fd(fd), m_buffer(1 << 16) { setp(m_buffer.data(), m_buffer.data() + m_buffer.size()); }
  int error() const { return m_error; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    const char* p = pbase();
    while (p < pptr()) {
      const ssize_t n = ::write(m_fd, p, static_cast<size_t>(pptr() - p));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        m_error = n < 0 ? errno : EIO;
        return false;
      }
      p += n;
    }
    setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
    return true;
  }

  int m_fd;
  std::vector<char> m_buffer;
  int m_error = 0;
};

AtomicFileWriter::AtomicFileWriter(std::string path) : m_path(std::move(path)), m_out(nullptr) {
  m_target = replaceableTarget(m_path);
  struct stat st {};
  if (::stat(m_target.c_str(), &st) == 0) m_mode = static_cast<int>(st.st_mode & 07777);
  // In the target's folder, so the rename never crosses file systems; hidden, and named after
  // the target, so a leftover (kill -9) is recognisable.
  const std::string folder = folderOf(m_target);
  const std::string name = std::filesystem::path(m_target).filename().string();
  for (unsigned attempt = 0; attempt < 100 && m_fd < 0; ++attempt) {
    m_tmpPath = folder + "/." + name + "." + uniqueSuffix(attempt) + ".tmp";
    // 0666 less the umask, as for any new file; a replaced file's own mode is restored in commit().
    m_fd = ::open(m_tmpPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (m_fd < 0 && errno != EEXIST) break;
  }
  if (m_fd < 0) {
    const std::string why = errorText(errno);
    m_tmpPath.clear();
    throw AtomicWriteError(m_path + ": cannot create a file in " + folder + " (" + why + ")");
  }
  m_liveSlot = claimLiveSlot(m_tmpPath);
  m_buf = std::make_unique<FdBuf>(m_fd);
  m_out.rdbuf(m_buf.get());
}

AtomicFileWriter::~AtomicFileWriter() {
  if (!m_committed) discard();
}

void AtomicFileWriter::discard() {
  if (m_fd >= 0) ::close(m_fd);
  m_fd = -1;
  if (!m_tmpPath.empty()) ::unlink(m_tmpPath.c_str());  // best effort: the target is untouched either way
  releaseLiveSlot(m_liveSlot);
  m_tmpPath.clear();
}

void AtomicFileWriter::commit() {
  if (m_committed) return;
  const auto fail = [this](const std::string& message) {
    discard();
    throw AtomicWriteError(m_path + ": " + message);
  };
  m_out.flush();
  if (!m_out) {
    const int error = m_buf->error();
    fail("write error (" + (error ? errorText(error) : std::string("the data could not be written")) + ")");
  }
  // The replaced file's permission bits (a private key-like 0600 stays 0600, a shared 0644 stays 0644).
  if (m_mode >= 0 && ::fchmod(m_fd, static_cast<mode_t>(m_mode)) != 0)
    fail("cannot set the file mode (" + errorText(errno) + ")");
  // The data must be on disk before the rename makes it the target: otherwise a power cut right
  // after the rename can leave an empty or partial file under the old name.
  if (::fsync(m_fd) != 0) fail("cannot flush to disk (" + errorText(errno) + ")");
  const int fd = std::exchange(m_fd, -1);
  if (::close(fd) != 0) fail("write error (" + errorText(errno) + ")");
  if (::rename(m_tmpPath.c_str(), m_target.c_str()) != 0) fail("cannot replace the file (" + errorText(errno) + ")");
  m_committed = true;
  releaseLiveSlot(m_liveSlot);
  // The rename is an entry in the folder: syncing the folder makes it survive a crash too.
  fsyncFolder(folderOf(m_target));
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
