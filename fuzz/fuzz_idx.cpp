// libFuzzer target: the IDX reader of Fashion-MNIST (`--data DIR` of train-images/train-classifier,
// the Images lessons), ds::readIdxFile on a scratch file in /dev/shm — plain or gzip, as the file
// comes — and, when the bytes are a 3-D image array, ds::loadFashionMnist on a folder holding them
// as the test images with a labels file of the same count (labels taken from the pixels, so some
// are out of range).

#include "fuzz/fuzz_common.h"

#include "core/data/idx.h"

#include <ATen/ATen.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace {

// A folder in /dev/shm with t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte; removed at exit.
struct ScratchFolder {
  std::string dir = "/dev/shm/ds-fuzz-" + std::to_string(::getpid()) + "-idx-folder";
  std::string images = dir + "/t10k-images-idx3-ubyte";
  std::string labels = dir + "/t10k-labels-idx1-ubyte";
  ScratchFolder() { ::mkdir(dir.c_str(), 0700); }
  ~ScratchFolder() {
    ::unlink(images.c_str());
    ::unlink(labels.c_str());
    ::rmdir(dir.c_str());
  }
};

void writeFile(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f || std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size() || std::fclose(f) != 0) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  dsfuzz::singleThreaded();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ScratchFolder folder;
  static const dsfuzz::ScratchFile file("idx");
  ds::IdxArray array;
  bool ok = false;
  dsfuzz::expectCleanError([&] {
    array = ds::readIdxFile(file.write(data, size));
    ok = true;
  });
  if (!ok) return 0;
  std::int64_t count = 1;
  for (std::int64_t n : array.shape) count *= n;
  if (array.shape.empty() || count != static_cast<std::int64_t>(array.data.size())) std::abort();
  if (array.shape.size() != 3 || array.shape[0] > 100000) return 0;

  const auto n = static_cast<std::uint32_t>(array.shape[0]);
  std::vector<std::uint8_t> labels = {
      0, 0, 8, 1, std::uint8_t(n >> 24), std::uint8_t(n >> 16), std::uint8_t(n >> 8), std::uint8_t(n)};
  for (std::uint32_t i = 0; i < n; ++i) labels.push_back(array.data[i] % 11);  // 10 is not a class
  writeFile(folder.images, std::vector<std::uint8_t>(data, data + size));
  writeFile(folder.labels, labels);
  const std::int64_t limit = size > 0 ? data[size - 1] % 4 : 0;  // 0 = all
  dsfuzz::expectCleanError([&] {
    const ds::ImageSet set = ds::loadFashionMnist(folder.dir, ds::ImageSplit::Test, limit);
    const std::int64_t kept = limit > 0 ? std::min<std::int64_t>(limit, n) : n;
    if (set.images.dim() != 4 || set.images.size(0) != kept || set.labels.size(0) != kept) std::abort();
    if (set.images.numel() > 0 && (set.images.min().item<float>() < -1.0f || set.images.max().item<float>() > 1.0f))
      std::abort();
  });
  return 0;
}
