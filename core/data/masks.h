#pragma once
// Random inpainting masks for training the conditioned (inpainting) U-Net, in the spirit of the
// free-form masks of Yu et al. 2019 and the box / half-image masks of Saharia et al. 2022 (Palette):
// a mix of
//   - brush strokes: polylines of 3..6 random vertices drawn with a round brush of radius 1.2..3.5 px
//     (1..3 strokes),
//   - random boxes (side 20..70 % of the image),
//   - a half of the image (upper, lower, left or right),
//   - the central box (the middle half in both directions).
// Masks are 1 = fill (unknown), 0 = keep, as everywhere in the program (white = fill in PNG files).

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>

namespace ds {

// float [n, 1, size, size] of 0/1 values; every mask fills at least one pixel and keeps at least one.
at::Tensor randomInpaintMasks(std::int64_t n, int size, at::Generator& gen, const c10::Device& device);

// The two evaluation masks of docs/inpainting.md: the lower half and the central box.
enum class FixedMask { LowerHalf, CentralBox };
at::Tensor fixedInpaintMask(FixedMask kind, int size);  // float [1, 1, size, size]

}  // namespace ds
