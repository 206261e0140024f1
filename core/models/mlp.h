#pragma once
// A small MLP ε-predictor for 1-D and 2-D data: the learned counterpart of ExactMixtureDenoiser.
//
//   h_1 = SiLU(W_1 [x ; e(t) ; c(y)] + b_1),  h_{k+1} = SiLU(W_{k+1} h_k + b_{k+1}),  ε̂ = W_o h_L + b_o
//
// e(t) is the sinusoidal embedding of the timestep (Vaswani et al. 2017, as used by Ho et al. 2020),
// c(y) a learned class embedding with one extra "null" row (index numClasses) for unconditional
// prediction, so a conditional model is ready for classifier-free guidance (Ho & Salimans 2022).
//
// Sampling never recomputes e(t): W_1 splits into [W_x | W_t | W_c], so the time and class
// contributions are per-t and per-class bias vectors, tabulated once (see MlpDenoiser).

#include "core/models/denoiser.h"

#include <torch/nn/cloneable.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace ds {

struct MlpConfig {
  int dim = 2;             // D, the data dimension (1 or 2 for the lessons; any D ≥ 1 works)
  int hidden = 128;        // H, width of every hidden layer
  int layers = 3;          // L, number of hidden Linear+SiLU layers (≥ 1)
  int numClasses = 0;      // 0: unconditional; else labels 0..numClasses-1, numClasses = null label
  int timeEmbedDim = 32;   // size of the sinusoidal time embedding (even, ≥ 2)
  int classEmbedDim = 16;  // size of the class embedding (used when numClasses > 0)
  int steps = 1000;        // T: the model accepts t in 1..T

  // Throws std::invalid_argument naming the bad field.
  void validate() const;
  // The number of parameters of the network this config builds, computed without building it (a
  // checkpoint's declared architecture is checked against its payload before any allocation).
  std::int64_t parameterCount() const;
  bool operator==(const MlpConfig& o) const;
  bool operator!=(const MlpConfig& o) const { return !(*this == o); }
};

// Sinusoidal embedding of integer timesteps t (int64 [N]) → float [N, dim]: [sin(s·f_k), cos(s·f_k)]
// with s = t·1000/T (so models of different T see comparable inputs) and f_k = 10000^(-k/(dim/2)).
torch::Tensor timeEmbedding(const torch::Tensor& t, int dim, int steps);

class MlpImpl : public torch::nn::Cloneable<MlpImpl> {
 public:
  explicit MlpImpl(const MlpConfig& config);
  // (Re)creates the layers; Cloneable needs it for deep copies.
  void reset() override;

  // ε̂ for x [N, D], t int64 [N] (1..T), labels int64 [N] or undefined (= null label). Differentiable.
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& labels = {});

  const MlpConfig& config() const { return m_config; }

  torch::nn::Linear input{nullptr};          // (D + E_t [+ E_c]) → H
  torch::nn::ModuleList hidden;              // L-1 layers H → H
  torch::nn::Linear output{nullptr};         // H → D
  torch::nn::Embedding classEmbed{nullptr};  // (numClasses + 1) × E_c, only when numClasses > 0

 private:
  MlpConfig m_config;
};
TORCH_MODULE(Mlp);

// Deterministic initialisation from a seed (the usual PyTorch bounds U(±1/√fan_in) for Linear,
// N(0, 1) for the class embedding), independent of the global generator and of the device.
void initMlp(Mlp& mlp, std::uint64_t seed);

// A deep copy of the module (parameters cloned, same device).
Mlp cloneMlp(const Mlp& mlp);

class MlpDenoiser : public Denoiser {
 public:
  // A freshly initialised network.
  explicit MlpDenoiser(const MlpConfig& config, std::uint64_t seed = 0,
                       const c10::Device& device = c10::Device(c10::kCPU));
  // Wraps (shares) an existing module.
  explicit MlpDenoiser(Mlp module);
  MlpDenoiser(const MlpDenoiser&) = delete;
  MlpDenoiser& operator=(const MlpDenoiser&) = delete;

  // Fast inference path: no autograd, tabulated time/class biases, reused activation buffers —
  // except when xt requires grad in grad mode: then the module's own forward pass, keeping the graph.
  // Thread-safe (calls on one object are serialised). The result is a fresh tensor.
  at::Tensor predictEps(const at::Tensor& xt, const at::Tensor& t, const at::Tensor& labels = {}) const override;
  std::string name() const override;
  int numClasses() const override { return m_config.numClasses; }
  void to(const c10::Device& device) override;

  c10::Device device() const;
  const MlpConfig& config() const { return m_config; }
  Mlp& module() { return m_module; }
  const Mlp& module() const { return m_module; }
  std::int64_t parameterCount() const;
  std::shared_ptr<MlpDenoiser> clone() const;
  // Copies weights from another module of the same architecture (e.g. the trainer's EMA weights).
  void copyWeightsFrom(const Mlp& other);

 private:
  struct Cache;
  MlpConfig m_config;
  Mlp m_module;
  std::shared_ptr<Cache> m_cache;
};

// Sets OpenBLAS's own thread pool size for a scope and restores it afterwards; a no-op when the
// process does not use OpenBLAS. Small GEMMs (training batches) and GEMMs issued from several
// threads at once (the blocked MLP forward) run best single-threaded; the pool would hand each
// call to another thread and, on a busy machine, wait for it to be scheduled.
class ScopedBlasThreads {
 public:
  explicit ScopedBlasThreads(int n);
  ~ScopedBlasThreads();
  ScopedBlasThreads(const ScopedBlasThreads&) = delete;
  ScopedBlasThreads& operator=(const ScopedBlasThreads&) = delete;

 private:
  void (*m_set)(int) = nullptr;
  int m_previous = 0;
};

}  // namespace ds
