// libFuzzer target: the point-set CSV reader (`train --points FILE`, the Train lesson's import),
// ds::parsePointsCsv — readPointsCsv reads the file into a string and calls it. A parsed set must
// hold what the header promised, and the normalisation `train` fits to it must be usable.

#include "fuzz/fuzz_common.h"

#include "core/data/pointset.h"

#include <ATen/ATen.h>

#include <cmath>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  dsfuzz::singleThreaded();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  dsfuzz::expectCleanError([&] {
    const ds::PointSet set = ds::parsePointsCsv(text, "fuzz.csv");
    const at::Tensor& p = set.points;
    if (set.dim() < 1 || set.dim() > 2 || p.dim() != 2 || p.size(1) != set.dim() || p.size(0) < 1) std::abort();
    if (p.scalar_type() != at::kFloat || !at::isfinite(p).all().item<bool>()) std::abort();
    const ds::Normalization n = ds::fitNormalization(p);
    if (!(n.scale > 0) || !std::isfinite(n.scale)) std::abort();
    (void)n.apply(p);
    // The written form reads back to the same points (9 significant digits round-trip a float).
    const ds::PointSet again = ds::parsePointsCsv(ds::formatPointsCsv(p), "round-trip");
    if (!at::equal(again.points, p)) std::abort();
  });
  return 0;
}
