#pragma once
// Encoding along the probability-flow ODE (ode.h): x_0 → x_T, the same ODE as odeSample integrated
// the other way, from σ = 0 up to σ_T (Song et al. 2021, §4.3: the flow is a bijection between data
// and latents). Decoding the returned x_T with odeSample and the same solver lands on x_0 again up to
// the solvers' errors, while DDPM's stochastic chain from the same x_T lands elsewhere: what the
// Likelihood lesson's "Point NLL & paths" page draws.

#include "core/likelihood/ode.h"

#include <ATen/core/Tensor.h>

namespace ds {

// x0: [N, D…] (float or double, any device). options: solver (adaptive rtol/atol, or Heun over the
// same σ grid odeSample uses, visited upwards), device; probes/images/exactPrior are not used.
// The trajectory's t ascends from 0 to T (continuous t in `times`), x recorded every recordStride
// accepted steps (0: only x_0 and x_T), CPU float32; its last entry is x_T. Throws
// std::invalid_argument for bad options or shapes, ds::Cancelled, NonFiniteError.
OdeSample odeEncode(const Denoiser& model, const NoiseSchedule& schedule, const at::Tensor& x0,
                    const OdeOptions& options, int recordStride = 0, const ProgressFn& progress = {},
                    const CancelToken& cancel = {});

}  // namespace ds
