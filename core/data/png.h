#pragma once
// 8-bit grayscale PNG files through libpng (DESIGN.md: images live in [-1, 1] in the model and are
// written as 8-bit grayscale). Writes are atomic (temporary file + rename).

#include "core/runtime/atomicfile.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace ds {

class PngError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Encodes an 8-bit grayscale image (row-major, width·height bytes) as PNG bytes.
std::string encodeGrayPng(const std::uint8_t* pixels, int width, int height);
// Maps a float image in [-1, 1] (any shape whose last two dimensions are H, W and which holds H·W
// values) to bytes round((x + 1)·127.5), clamped.
std::vector<std::uint8_t> toGrayBytes(const at::Tensor& image);
// Writes one image [.., H, W] in [-1, 1] as PNG.
void writeGrayPng(const std::string& path, const at::Tensor& image);
// A contact sheet: images [N, 1, H, W] in [-1, 1] laid out in `columns` columns with a `gap`-pixel
// mid-grey border, written as one PNG.
void writeGrayPngGrid(const std::string& path, const at::Tensor& images, int columns, int gap = 2);

// Reads an 8-bit (or lower bit depth, or RGB/alpha, converted to gray) PNG; refuses images larger
// than maxPixels. Returns float [H, W] in [-1, 1].
at::Tensor readGrayPng(const std::string& path, std::int64_t maxPixels = 4096LL * 4096LL);

}  // namespace ds
