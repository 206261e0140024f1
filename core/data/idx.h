#pragma once
// The IDX files of MNIST and Fashion-MNIST (LeCun et al.; Xiao et al. 2017), optionally gzipped.
//
// An IDX file is a big-endian header — two zero bytes, a type byte (0x08 = unsigned byte), the
// number of dimensions n — then n uint32 sizes, then the data. Debian's `dataset-fashion-mnist`
// installs the four gzipped files in /usr/share/datasets/fashion-mnist. Every read checks the magic,
// the sizes against the payload and the counts of images against labels, and throws IdxError
// naming the file and what is wrong; a corrupt file never crashes the reader.

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace ds {

class IdxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The sizes and raw unsigned bytes of one IDX file of type 0x08.
struct IdxArray {
  std::vector<std::int64_t> shape;
  std::vector<std::uint8_t> data;
};

// Parses IDX bytes (already decompressed). `source` names the file in messages.
IdxArray parseIdx(const std::string& bytes, const std::string& source = "IDX data");
// Reads a file, decompressing gzip (zlib) when it starts with the gzip magic. Refuses files whose
// decompressed size would exceed `maxBytes` (a bound on what a plausible data set needs).
IdxArray readIdxFile(const std::string& path, std::int64_t maxBytes = std::int64_t(1) << 30);

// A labelled image set in model space: images float [N, 1, H, W] in [-1, 1] (pixel/127.5 − 1,
// DESIGN.md "Images live in [-1, 1]") and labels int64 [N].
struct ImageSet {
  at::Tensor images;
  at::Tensor labels;
  int numClasses = 10;
  std::vector<std::string> classNames;
};

enum class ImageSplit { Train, Test };

constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

// The Fashion-MNIST class names as the CLI spells them (index = label).
const std::vector<std::string>& fashionMnistClassNames();
// "3", "dress" (case-insensitive, '_' or ' ' for '-') → 3; std::invalid_argument listing the names.
int parseFashionMnistClass(const std::string& text);

// Loads `{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]` from `dir` ("fashion-mnist" means the
// Debian folder). `limit` > 0 keeps the first `limit` examples.
ImageSet loadFashionMnist(const std::string& dir, ImageSplit split, std::int64_t limit = 0);

}  // namespace ds
