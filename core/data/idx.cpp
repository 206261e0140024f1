#include "core/data/idx.h"

#include <torch/torch.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace ds {
namespace {

std::uint32_t readBigEndian32(const std::string& bytes, std::size_t offset) {
  auto b = [&](std::size_t i) { return std::uint32_t(static_cast<unsigned char>(bytes[offset + i])); };
  return (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
}

// gzread over the whole stream, stopping (with an error) once more than maxBytes would be produced.
std::string gunzipFile(const std::string& path, std::int64_t maxBytes) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) throw IdxError(path + ": cannot open for reading");
  std::unique_ptr<gzFile_s, int (*)(gzFile)> guard(file, gzclose);
  std::string out;
  std::vector<char> chunk(1 << 16);
  for (;;) {
    int n = gzread(file, chunk.data(), static_cast<unsigned>(chunk.size()));
    if (n < 0) {
      int code = 0;
      const char* message = gzerror(file, &code);
      throw IdxError(path + ": not a valid gzip stream (" + std::string(message ? message : "unknown error") + ")");
    }
    if (n == 0) break;
    if (std::int64_t(out.size()) + n > maxBytes) {
      throw IdxError(path + ": decompresses to more than " + std::to_string(maxBytes) + " bytes");
    }
    out.append(chunk.data(), static_cast<std::size_t>(n));
  }
  // gzread returns 0 both at a clean end and when the stream was cut short; only gzeof after a
  // complete trailer tells them apart (zlib reports Z_BUF_ERROR for a truncated file).
  int code = 0;
  gzerror(file, &code);
  if (code != Z_OK) throw IdxError(path + ": the gzip stream is truncated or corrupt");
  return out;
}

std::string readPlainFile(const std::string& path, std::int64_t maxBytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IdxError(path + ": cannot open for reading");
  std::string out;
  std::vector<char> chunk(1 << 16);
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    out.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (std::int64_t(out.size()) > maxBytes)
      throw IdxError(path + ": larger than " + std::to_string(maxBytes) + " bytes");
  }
  return out;
}

std::string findFile(const std::string& dir, const std::string& stem) {
  for (const std::string& name : {stem + ".gz", stem}) {
    std::filesystem::path p = std::filesystem::path(dir) / name;
    if (std::filesystem::is_regular_file(p)) return p.string();
  }
  throw IdxError(dir + ": no " + stem + ".gz or " + stem +
                 " here (install Debian's dataset-fashion-mnist, or pass the folder that holds the IDX files)");
}

}  // namespace

IdxArray parseIdx(const std::string& bytes, const std::string& source) {
  if (bytes.size() < 4)
    throw IdxError(source + ": too short for an IDX header (" + std::to_string(bytes.size()) + " bytes)");
  if (bytes[0] != 0 || bytes[1] != 0) throw IdxError(source + ": wrong magic (not an IDX file)");
  if (static_cast<unsigned char>(bytes[2]) != 0x08) {
    throw IdxError(source + ": element type 0x" + std::to_string(static_cast<unsigned char>(bytes[2])) +
                   " is not supported (only unsigned bytes, 0x08)");
  }
  const int dims = static_cast<unsigned char>(bytes[3]);
  if (dims < 1 || dims > 4) throw IdxError(source + ": " + std::to_string(dims) + " dimensions (expected 1 to 4)");
  const std::size_t header = 4 + 4 * std::size_t(dims);
  if (bytes.size() < header) throw IdxError(source + ": truncated header");
  IdxArray out;
  std::int64_t count = 1;
  for (int d = 0; d < dims; ++d) {
    std::int64_t n = readBigEndian32(bytes, 4 + 4 * std::size_t(d));
    if (n == 0) throw IdxError(source + ": dimension " + std::to_string(d) + " has size 0");
    out.shape.push_back(n);
    // Checked before multiplying: two 32-bit sizes can overflow the product (found by fuzz/fuzz_idx).
    if (n > (std::int64_t(1) << 34) / count) throw IdxError(source + ": implausibly large sizes in the header");
    count *= n;
  }
  const std::int64_t payload = std::int64_t(bytes.size() - header);
  if (payload < count) {
    throw IdxError(source + ": truncated: the header promises " + std::to_string(count) +
                   " bytes of data, the file has " + std::to_string(payload));
  }
  if (payload > count) {
    throw IdxError(source + ": " + std::to_string(payload - count) + " unexpected bytes after the data");
  }
  out.data.assign(bytes.begin() + std::ptrdiff_t(header), bytes.end());
  return out;
}

IdxArray readIdxFile(const std::string& path, std::int64_t maxBytes) {
  if (std::filesystem::is_directory(path)) throw IdxError(path + ": is a folder, not an IDX file");
  std::string bytes;
  {
    std::ifstream probe(path, std::ios::binary);
    if (!probe) throw IdxError(path + ": cannot open for reading");
    unsigned char magic[2] = {0, 0};
    probe.read(reinterpret_cast<char*>(magic), 2);
    const bool gzip = probe.gcount() == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    bytes = gzip ? gunzipFile(path, maxBytes) : readPlainFile(path, maxBytes);
  }
  return parseIdx(bytes, path);
}

const std::vector<std::string>& fashionMnistClassNames() {
  static const std::vector<std::string> names = {"t-shirt", "trouser", "pullover", "dress", "coat",
                                                 "sandal",  "shirt",   "sneaker",  "bag",   "ankle-boot"};
  return names;
}

int parseFashionMnistClass(const std::string& text) {
  std::string key;
  for (char c : text) key += (c == '_' || c == ' ') ? '-' : char(std::tolower(static_cast<unsigned char>(c)));
  const auto& names = fashionMnistClassNames();
  if (!key.empty() &&
      std::all_of(key.begin(), key.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    if (key.size() <= 2) {
      int n = std::stoi(key);
      if (n >= 0 && n < int(names.size())) return n;
    }
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == key) return int(i);
  }
  if (key == "tshirt" || key == "t-shirt/top" || key == "top") return 0;
  if (key == "boot") return 9;
  std::ostringstream list;
  for (std::size_t i = 0; i < names.size(); ++i) list << (i ? ", " : "") << i << "=" << names[i];
  throw std::invalid_argument("class \"" + text + "\" is not a Fashion-MNIST class (" + list.str() + ")");
}

ImageSet loadFashionMnist(const std::string& dir, ImageSplit split, std::int64_t limit) {
  const std::string folder = (dir == "fashion-mnist" || dir.empty()) ? std::string(kFashionMnistDir) : dir;
  if (!std::filesystem::is_directory(folder)) {
    throw IdxError(
        folder +
        ": no such folder (install Debian's dataset-fashion-mnist, or pass the folder that holds the IDX files)");
  }
  const std::string prefix = split == ImageSplit::Train ? "train" : "t10k";
  const std::string imagePath = findFile(folder, prefix + "-images-idx3-ubyte");
  const std::string labelPath = findFile(folder, prefix + "-labels-idx1-ubyte");
  IdxArray images = readIdxFile(imagePath);
  IdxArray labels = readIdxFile(labelPath);
  if (images.shape.size() != 3) throw IdxError(imagePath + ": expected 3 dimensions (count, rows, columns)");
  if (labels.shape.size() != 1) throw IdxError(labelPath + ": expected 1 dimension (count)");
  if (images.shape[0] != labels.shape[0]) {
    throw IdxError(imagePath + " holds " + std::to_string(images.shape[0]) + " images but " + labelPath + " holds " +
                   std::to_string(labels.shape[0]) + " labels");
  }
  const auto& names = fashionMnistClassNames();
  for (std::uint8_t y : labels.data) {
    if (y >= names.size()) throw IdxError(labelPath + ": label " + std::to_string(int(y)) + " is not a class (0..9)");
  }
  std::int64_t n = images.shape[0];
  if (limit > 0) n = std::min(n, limit);
  const std::int64_t h = images.shape[1], w = images.shape[2];
  ImageSet set;
  auto raw = torch::from_blob(images.data.data(), {images.shape[0], 1, h, w}, torch::kUInt8).narrow(0, 0, n);
  set.images = raw.to(torch::kFloat32).div_(127.5).sub_(1.0).contiguous();
  set.labels = torch::from_blob(labels.data.data(), {labels.shape[0]}, torch::kUInt8).narrow(0, 0, n).to(torch::kInt64);
  set.numClasses = int(names.size());
  set.classNames = names;
  return set;
}

}  // namespace ds
