#pragma once
// The conditioned inpainting model as a Denoiser: a U-Net with conditionChannels = 2 that sees, beside
// x_t, the clean known part of the picture (0 where unknown) and the mask (1 = fill). The lecture
// (13:04–13:45): replacing the known region with a noised copy shows the model only a hazy context;
// a model trained to fill in removed regions sees the context clearly. Sampling it with the plain
// DDPM/DDIM chain (core/sampling/inpaint.h, method "conditioned") is the third inpainting method.

#include "core/models/denoiser.h"
#include "core/models/unet.h"

#include <ATen/core/Tensor.h>

#include <memory>
#include <string>

namespace ds {

constexpr int kInpaintConditionChannels = 2;

// [N, 2, H, W] = (known·(1 − mask), mask) for known and mask [N or 1, 1, H, W] (broadcast to N rows).
at::Tensor inpaintCondition(const at::Tensor& known, const at::Tensor& mask, std::int64_t n = -1);

class InpaintUNetDenoiser : public Denoiser {
 public:
  // model: a U-Net with conditionChannels = 2; known, mask: [1 or N, 1, H, W] (mask 1 = fill). Throws
  // std::invalid_argument for a model without the condition channels or mismatched shapes.
  InpaintUNetDenoiser(std::shared_ptr<const UNetDenoiser> model, const at::Tensor& known, const at::Tensor& mask);

  at::Tensor predictEps(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& labels = {}) const override;
  std::string name() const override;
  int numClasses() const override { return m_model->numClasses(); }

 private:
  std::shared_ptr<const UNetDenoiser> m_model;
  at::Tensor m_known, m_mask;  // on the model's device
};

}  // namespace ds
