#include "core/eval/learned.h"

#include "core/models/denoiser.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace ds {

std::shared_ptr<const std::vector<float>> epsAtPoint(const Denoiser& model, const std::vector<double>& x, int T,
                                                     const CancelToken& cancel, const c10::Device& device) {
  if (cancel.isCancelled()) throw Cancelled();
  const auto D = static_cast<std::int64_t>(x.size());
  const at::Tensor point = at::tensor(x, at::TensorOptions().dtype(at::kDouble)).to(at::kFloat).view({1, D});
  const at::Tensor xt = point.expand({T, D}).contiguous().to(device);
  const at::Tensor t = at::arange(1, T + 1, at::TensorOptions().dtype(at::kLong).device(device));
  const at::Tensor eps = model.predictEps(xt, t).to(at::kFloat).contiguous().cpu();
  return std::make_shared<const std::vector<float>>(eps.data_ptr<float>(), eps.data_ptr<float>() + eps.numel());
}

std::vector<float> learnedNegEpsField(const Denoiser& model, const std::vector<double>& xy, int T,
                                      const CancelToken& cancel, const c10::Device& device) {
  const auto N = static_cast<std::int64_t>(xy.size() / 2);
  std::vector<float> out(static_cast<std::size_t>(T + 1) * static_cast<std::size_t>(2 * N), 0.0f);
  if (N == 0) return out;
  const at::Tensor points = at::tensor(xy, at::TensorOptions().dtype(at::kDouble)).to(at::kFloat).view({1, N, 2});
  constexpr int kChunk = 64;  // timesteps per forward pass (64 × N rows)
  for (int t0 = 1; t0 <= T; t0 += kChunk) {
    if (cancel.isCancelled()) throw Cancelled();
    const int t1 = std::min(T, t0 + kChunk - 1);
    const std::int64_t n = t1 - t0 + 1;
    const at::Tensor xt = points.expand({n, N, 2}).reshape({n * N, 2}).contiguous().to(device);
    const at::Tensor t =
        at::arange(t0, t1 + 1, at::TensorOptions().dtype(at::kLong).device(device)).repeat_interleave(N);
    const at::Tensor eps = model.predictEps(xt, t).to(at::kFloat).neg().contiguous().cpu();
    std::copy(eps.data_ptr<float>(), eps.data_ptr<float>() + eps.numel(),
              out.begin() + static_cast<std::ptrdiff_t>(t0) * 2 * N);
  }
  return out;
}

}  // namespace ds
