// libFuzzer target: the Gaussian-mixture SPEC parser (`--gmm 'w:mean:std;...'`), GaussianMixture::parse.
// A parsed mixture must also survive what the CLI does next with it: toSpec() (the text written to
// checkpoints, which `train --resume` parses again) and evaluating it.

#include "fuzz/fuzz_common.h"

#include "core/gmm.h"

#include <ATen/ATen.h>

#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  dsfuzz::singleThreaded();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string spec(reinterpret_cast<const char*>(data), size);
  dsfuzz::expectCleanError([&] {
    const ds::GaussianMixture mixture = ds::GaussianMixture::parse(spec);
    // parse() promises a non-empty mixture of one dimension with positive, normalised weights.
    if (mixture.empty() || mixture.dim() < 1) std::abort();
    for (const auto& c : mixture.components()) {
      if (static_cast<int>(c.mean.size()) != mixture.dim() || !(c.std > 0) || !(c.weight >= 0)) std::abort();
    }
    // The written form reads back as a mixture of the same shape (or, for weights whose sum
    // overflowed to a weight of 0, as a clear error: the CLI's --gmm bounds refuse those first).
    const ds::GaussianMixture again = ds::GaussianMixture::parse(mixture.toSpec());
    if (again.size() != mixture.size() || again.dim() != mixture.dim()) std::abort();
    // Small mixtures only: a density at a few points (the work the CLI's sample/posterior start with).
    if (mixture.size() <= 16 && mixture.dim() <= 4) {
      const at::Tensor x = at::zeros({3, mixture.dim()}, at::kDouble);
      (void)mixture.logDensity(x);
      (void)mixture.meanVector();
      if (mixture.dim() == 1) (void)mixture.cdf(0.0);
    }
  });
  return 0;
}
