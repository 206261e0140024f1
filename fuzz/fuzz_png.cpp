// libFuzzer target: the PNG reader behind `inpaint --image FILE` and `inpaint --mask FILE` (and the
// Inpaint lesson's Open), ds::readGrayPng on a scratch file in /dev/shm, then what the CLI does
// with a mask (app/cli/inpaint_images.cpp: bytes 0..255 → 0..1, then the fill/keep count that
// checkInpaintMask makes). core/data/masks.* only makes masks; a mask file is read by readGrayPng.

#include "fuzz/fuzz_common.h"

#include "core/data/png.h"

#include <ATen/ATen.h>

#include <cstdlib>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  dsfuzz::singleThreaded();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const dsfuzz::ScratchFile file("png");
  const std::string& path = file.write(data, size);
  dsfuzz::expectCleanError([&] {
    const at::Tensor picture = ds::readGrayPng(path);
    if (picture.dim() != 2 || picture.size(0) < 1 || picture.size(1) < 1) std::abort();
    if (picture.scalar_type() != at::kFloat || picture.min().item<float>() < -1.0f ||
        picture.max().item<float>() > 1.0f)
      std::abort();
    const at::Tensor mask = picture.add(1).div(2);
    (void)(mask >= 0.5).sum().item<std::int64_t>();
    // What the reader returns, written and read again, is the same picture (8-bit gray round-trips).
    const std::vector<std::uint8_t> bytes = ds::toGrayBytes(picture);
    const std::string png = ds::encodeGrayPng(bytes.data(), int(picture.size(1)), int(picture.size(0)));
    const at::Tensor again = ds::readGrayPng(file.write(reinterpret_cast<const std::uint8_t*>(png.data()), png.size()));
    if (!at::equal(again, picture)) std::abort();
  });
  return 0;
}
