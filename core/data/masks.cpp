#include "core/data/masks.h"

#include <ATen/ATen.h>

#include <stdexcept>

namespace ds {
namespace {

// Pixel-centre coordinates [1, 1, S, S] (x across, y down), in pixels.
std::pair<at::Tensor, at::Tensor> pixelGrid(int size, const at::TensorOptions& opts) {
  auto r = at::arange(size, opts).add_(0.5);
  return {r.view({1, 1, 1, size}), r.view({1, 1, size, 1})};
}

// Boxes from corner fractions: rows of [n] tensors x0, y0, x1, y1 in [0, 1].
at::Tensor boxes(const at::Tensor& x0, const at::Tensor& y0, const at::Tensor& x1, const at::Tensor& y1, int size) {
  auto [gx, gy] = pixelGrid(size, x0.options());
  auto v = [](const at::Tensor& a) { return a.view({-1, 1, 1, 1}); };
  const double s = size;
  return ((gx >= v(x0) * s) & (gx < v(x1) * s) & (gy >= v(y0) * s) & (gy < v(y1) * s)).to(at::kFloat);
}

// Round-brush polylines: for every mask, `strokes` polylines of `vertices` random points; a pixel is
// filled when its distance to some segment is below the stroke's radius.
at::Tensor strokeMasks(std::int64_t n, int size, at::Generator& gen, const at::TensorOptions& opts) {
  constexpr int kStrokes = 3, kVertices = 6;
  const double s = size;
  // Vertices: a random start, then steps of random direction and length 3..9 px (a brush path, not
  // scattered points), clamped to the image.
  auto start = at::rand({n, kStrokes, 1, 2}, gen, opts) * s;
  auto angle = at::rand({n, kStrokes, kVertices - 1, 1}, gen, opts) * (2 * 3.14159265358979);
  auto length = at::rand({n, kStrokes, kVertices - 1, 1}, gen, opts) * 6 + 3;
  auto steps = at::cat({at::cos(angle), at::sin(angle)}, -1) * length;
  auto points = at::cat({start, start + at::cumsum(steps, 2)}, 2).clamp(0, s);  // [n, K, V, 2]
  auto radius = at::rand({n, kStrokes, 1, 1}, gen, opts) * 2.3 + 1.2;           // [n, K, 1, 1]
  // How many strokes (1..3) and vertices (3..6) each mask uses.
  auto strokeCount = at::randint(1, kStrokes + 1, {n, 1}, gen, opts.dtype(at::kLong));
  auto vertexCount = at::randint(3, kVertices + 1, {n, kStrokes, 1}, gen, opts.dtype(at::kLong));

  auto a = points.narrow(2, 0, kVertices - 1), b = points.narrow(2, 1, kVertices - 1);  // segments [n, K, V-1, 2]
  auto ab = b - a;
  auto [gx, gy] = pixelGrid(size, opts);
  auto p = at::stack(
      {gx.view({1, size}).expand({size, size}).reshape({-1}), gy.view({size, 1}).expand({size, size}).reshape({-1})},
      -1);  // [P, 2], row-major like the image
  // Distance from every pixel to every segment: project onto the segment, clamp to its ends.
  auto ap = p.view({1, 1, 1, -1, 2}) - a.unsqueeze(3);               // [n,K,V-1,P,2]
  auto len2 = (ab * ab).sum(-1, true).clamp_min(1e-6).unsqueeze(3);  // [n,K,V-1,1,1]
  auto u = ((ap * ab.unsqueeze(3)).sum(-1, true) / len2).clamp(0, 1);
  auto dist = (ap - u * ab.unsqueeze(3)).pow(2).sum(-1).sqrt();  // [n,K,V-1,P]
  // Segments past a stroke's vertex count, and strokes past the mask's stroke count, draw nothing.
  auto segIndex = at::arange(kVertices - 1, opts.dtype(at::kLong)).view({1, 1, -1});
  auto strokeIndex = at::arange(kStrokes, opts.dtype(at::kLong)).view({1, -1, 1});
  auto active = (segIndex < (vertexCount - 1)) & (strokeIndex < strokeCount.unsqueeze(-1));  // [n, K, V-1]
  auto hit = (dist < radius) & active.unsqueeze(-1);
  return hit.any(2).any(1).view({n, 1, size, size}).to(at::kFloat);
}

}  // namespace

at::Tensor randomInpaintMasks(std::int64_t n, int size, at::Generator& gen, const c10::Device& device) {
  if (n < 1 || size < 2) throw std::invalid_argument("randomInpaintMasks: n ≥ 1 and size ≥ 2 are required");
  const auto opts = at::TensorOptions().dtype(at::kFloat).device(device);
  // Kind of each mask: 45 % strokes, 25 % random box, 20 % half, 10 % central box.
  auto kind = at::rand({n}, gen, opts).view({-1, 1, 1, 1});
  auto strokes = strokeMasks(n, size, gen, opts);
  auto w = at::rand({n}, gen, opts) * 0.5 + 0.2, h = at::rand({n}, gen, opts) * 0.5 + 0.2;
  auto bx = at::rand({n}, gen, opts) * (1 - w), by = at::rand({n}, gen, opts) * (1 - h);
  auto randomBox = boxes(bx, by, bx + w, by + h, size);
  auto side = at::randint(0, 4, {n}, gen, opts.dtype(at::kLong));
  auto zero = at::zeros({n}, opts), half = at::full({n}, 0.5, opts), one = at::ones({n}, opts);
  auto pick = [&](const at::Tensor& forSide, const at::Tensor& otherwise, int which) {
    return at::where(side == which, forSide, otherwise);
  };
  // side 0: upper, 1: lower, 2: left, 3: right half.
  auto hx0 = pick(half, zero, 3), hx1 = pick(half, one, 2), hy0 = pick(half, zero, 1), hy1 = pick(half, one, 0);
  auto halves = boxes(hx0, hy0, hx1, hy1, size);
  auto central = boxes(at::full({n}, 0.25, opts), at::full({n}, 0.25, opts), at::full({n}, 0.75, opts),
                       at::full({n}, 0.75, opts), size);
  auto masks =
      at::where(kind < 0.45, strokes, at::where(kind < 0.70, randomBox, at::where(kind < 0.90, halves, central)));
  // A stroke can in principle miss every pixel centre; such a mask becomes the central box.
  auto filled = masks.sum({1, 2, 3}).view({-1, 1, 1, 1});
  return at::where(filled > 0, masks, central);
}

at::Tensor fixedInpaintMask(FixedMask kind, int size) {
  auto m = at::zeros({1, 1, size, size});
  if (kind == FixedMask::LowerHalf) {
    m.narrow(2, size / 2, size - size / 2).fill_(1);
  } else {
    m.narrow(2, size / 4, size - 2 * (size / 4)).narrow(3, size / 4, size - 2 * (size / 4)).fill_(1);
  }
  return m;
}

}  // namespace ds
