#pragma once
// The picture side of `diffusion-cli inpaint`: --model/--inpainter/--image/--mask/--out/--chain,
// reading and checking the picture and the mask, running core's runImageInpaint and writing PNGs.
//
//   inpaint --image in.png|fashion-mnist:INDEX --mask mask.png|lower-half|central-box
//           --method replace|repaint|conditioned [--jump J --resample R]
//           [--sampler ddpm|ddim --sampling-steps S --eta E] [--class NAME] [--n N] --seed S
//           --out out.png [--chain DIR]

#include "app/cli/cli_common.h"
#include "app/cli/sampling_options.h"

#include "core/eval/imageinpaint.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dscli {

struct ImageInpaintOptions {
  std::string model = "fashion-mnist";
  std::string inpainter = "fashion-mnist-inpaint";
  std::string image;
  std::string mask;
  std::string chain;
  std::string cls = "none";
  int threads = 0;
  CLI::Option* imageOpt = nullptr;
  CLI::Option* maskOpt = nullptr;
  CLI::Option* modelOpt = nullptr;
  CLI::Option* inpainterOpt = nullptr;
  CLI::Option* chainOpt = nullptr;
  CLI::Option* classOpt = nullptr;
};
// Adds the picture options to the inpaint command, in the help group "Pictures".
void addImageInpaintOptions(CLI::App* cmd, ImageInpaintOptions& o);

// What the shared options of `inpaint` say, for pictures.
struct ImageInpaintRun {
  std::string method;
  int jump = 10;
  int resample = 5;
  const SamplerOptions* sampler = nullptr;
  long long n = 1;
  std::uint64_t seed = 0;
  std::string out;  // the PNG: one fill, or a grid of n
};
// --mask: a PNG of size×size (white = fill, black = keep) or a named mask (lower-half, central-box);
// [size, size] in 0..1. UsageError naming --mask for an unreadable file, another size, or a mask
// that fills nothing or everything.
at::Tensor readInpaintMask(const std::string& text, int size);

// Loads --model and --inpainter; UsageError naming --model, or --inpainter when `methods` has
// conditioned and there is no usable inpainting model.
std::shared_ptr<const ds::InpaintModels> loadInpaintModelsFor(const std::string& model, const std::string& inpainter,
                                                              const std::vector<ds::InpaintMethod>& methods,
                                                              const c10::Device& device);

// Checks every option and file first (UsageError naming the option; nothing is written), then
// inpaints and writes --out (and --chain DIR/x_tNNNN.png, x0_tNNNN.png).
void runImageInpaint(const ImageInpaintOptions& o, const ImageInpaintRun& run);

}  // namespace dscli
