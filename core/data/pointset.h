#pragma once
// User point sets: CSV files with a header row "x,y" (2-D) or "x" (1-D), one point per line.
// This is the one point-set format of the project: every export (lesson particles, the Train
// lesson's samples, diffusion-cli sample) and every import (Train lesson, train --points) uses it.
// Also the normalisation that maps a user's coordinates to the unit-scale space models train in.

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace ds {

// A malformed point file; the message names the source and, where it applies, the line.
class PointSetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PointSet {
  at::Tensor points;                 // float32 [N, D], CPU
  std::vector<std::string> columns;  // {"x"} or {"x", "y"}
  int dim() const { return static_cast<int>(columns.size()); }
  std::int64_t size() const { return points.defined() ? points.size(0) : 0; }
};

// Parses CSV text. Rules: the first non-blank line is the header, "x,y" or "x" (case and spaces
// ignored; a leading UTF-8 BOM is skipped; the older lesson exports' "i,x,y" / "i,x" are accepted
// and their index column dropped); every other non-blank line holds exactly that many finite numbers separated by
// commas; lines starting with '#' are comments. Throws PointSetError for: no header, an unknown header, no points, a
// row with the wrong number of values, a value that is not a finite number, or more than kMaxPoints rows. `source`
// names the text in messages (a file name).
PointSet parsePointsCsv(const std::string& text, const std::string& source = "points");
// The largest point-set CSV readPointsCsv reads (room for kMaxPoints 2-D points written with full
// precision and comments); a longer file or
// stream (e.g. /dev/zero through a pipe) is refused when the read passes it.
constexpr std::uint64_t kMaxPointsCsvBytes = std::uint64_t(512) << 20;
// A short fingerprint of a point set's values ("crc32:1a2b3c4d/1000x2": CRC-32 of the float32
// values and the shape), the same for the same points however the CSV was formatted. Stored in
// checkpoints so that `train --resume` notices training data that changed.
std::string pointsContentHash(const at::Tensor& points);
// Reads and parses a file (PointSetError also when it cannot be read: no such file, a folder, a
// device, no permission, longer than kMaxPointsCsvBytes).
PointSet readPointsCsv(const std::string& path);
// The CSV text of points [N, 1] or [N, 2] with the matching header (9 significant digits, so
// float32 values read back exactly). Throws std::invalid_argument for another shape.
std::string formatPointsCsv(const at::Tensor& points);
// Writes formatPointsCsv(points) atomically (core/runtime/atomicfile.h): an existing file is
// replaced only by a complete one. Throws PointSetError on I/O errors.
void writePointsCsv(const std::string& path, const at::Tensor& points);

constexpr std::int64_t kMaxPoints = 10'000'000;

// Points as N·D interleaved floats (the form the GUI keeps and draws) and back: float32 [N, D] on
// the CPU. fromInterleaved throws std::invalid_argument when the count is not a multiple of dim.
std::vector<float> toInterleaved(const at::Tensor& points);
at::Tensor fromInterleaved(const std::vector<float>& values, int dim);

// x_model = (x - shift) / scale. Identity by default.
struct Normalization {
  std::vector<double> shift;  // size D (empty = zeros)
  double scale = 1.0;

  bool isIdentity() const;
  at::Tensor apply(const at::Tensor& x) const;    // data → model space
  at::Tensor inverse(const at::Tensor& x) const;  // model space → data
};

// Centre on the mean and divide by the per-axis RMS spread (isotropic, so shapes are kept).
// Falls back to scale 1 for a single point or a degenerate set.
Normalization fitNormalization(const at::Tensor& points);

}  // namespace ds
