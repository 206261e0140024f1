#pragma once
// Bounded reads of untrusted input files (point-set CSVs, MLP checkpoints, masks …). Each format
// has a plausible largest size; a read stops there instead of growing without limit (a path such
// as /dev/zero, a FIFO that never ends, a multi-GB file given by mistake). The messages say what
// the path is when it is not a file: "is a folder", "is a device", "no such file".

#include <cstdint>
#include <stdexcept>
#include <string>

namespace ds {

// A file that cannot be read, or is not plausible for its format. The message starts with the path.
class FileReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads the whole of `path` into memory. Accepts a regular file (its size is checked before
// reading) or a FIFO / pipe such as <(…) or /dev/stdin from a pipe (read in pieces up to the cap).
// Refuses, with a FileReadError naming the path: a missing path, a folder, a device, a socket, a
// file without read permission, and content longer than `maxBytes` ("larger than 512 MiB, the
// most a point-set CSV can be"), where `what` names the format ("a point-set CSV").
std::string readFileLimited(const std::string& path, std::uint64_t maxBytes, const std::string& what);

// "512 MiB", "1.5 GiB", "900 KiB", "12 bytes".
std::string formatBytes(double bytes);

}  // namespace ds
