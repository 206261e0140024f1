#include "core/runtime/fileread.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ds {

std::string formatBytes(double bytes) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
  int u = 0;
  while (bytes >= 1024.0 && u < 5) {
    bytes /= 1024.0;
    ++u;
  }
  char buf[64];
  if (u == 0) {
    std::snprintf(buf, sizeof buf, "%.0f bytes", bytes);
  } else {
    std::snprintf(buf, sizeof buf, bytes < 10 && std::fabs(bytes - std::round(bytes)) > 0.05 ? "%.1f %s" : "%.0f %s",
                  bytes, units[u]);
  }
  return buf;
}

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& why) { throw FileReadError(path + ": " + why); }

std::string tooLarge(std::uint64_t maxBytes, const std::string& what) {
  return "larger than " + formatBytes(static_cast<double>(maxBytes)) + ", the most " + what + " can be";
}

class Fd {
 public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return m_fd; }

 private:
  int m_fd;
};

}  // namespace

std::string readFileLimited(const std::string& path, std::uint64_t maxBytes, const std::string& what) {
  if (path.empty()) throw FileReadError("an empty file name");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    if (err == ENOENT) fail(path, "no such file");
    fail(path, std::strerror(err));
  }
  if (S_ISDIR(st.st_mode)) fail(path, "is a folder, not a file");
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) fail(path, "is a device, not a file");
  if (S_ISSOCK(st.st_mode)) fail(path, "is a socket, not a file");
  const bool regular = S_ISREG(st.st_mode);
  if (regular && static_cast<std::uint64_t>(st.st_size) > maxBytes) fail(path, tooLarge(maxBytes, what));

  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    const int err = errno;
    if (err == EACCES) fail(path, "cannot open the file for reading (permission denied)");
    fail(path, std::string("cannot open the file for reading (") + std::strerror(err) + ")");
  }
  std::string out;
  if (regular) out.reserve(static_cast<std::size_t>(st.st_size));
  char chunk[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fd.get(), chunk, sizeof chunk);
    if (got < 0) {
      if (errno == EINTR) continue;
      fail(path, std::string("read error (") + std::strerror(errno) + ")");
    }
    if (got == 0) break;
    if (out.size() + static_cast<std::uint64_t>(got) > maxBytes) fail(path, tooLarge(maxBytes, what));
    out.append(chunk, static_cast<std::size_t>(got));
  }
  return out;
}

}  // namespace ds
