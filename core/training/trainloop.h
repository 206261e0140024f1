#pragma once
// Internal to core/training (not public API): the parts of a picture-model training loop that
// ImageTrainer and ClassifierTrainer share: the optimiser step (alone or data-parallel) and the
// loss bookkeeping.

#include "core/training/distributed.h"
#include "core/training/imagetrainer.h"

#include <torch/nn/utils/clip_grad.h>
#include <torch/optim/adam.h>

#include <cmath>

#include <cstdint>
#include <utility>
#include <vector>

namespace ds::detail {

// One Adam step on `loss` (whose value is `value`) at learning rate `lr`: with a data-parallel
// `group` the ranks' mean gradient and loss (and whether any rank asked to stop, into stopAgreed),
// gradients clipped to norm gradClip (0: not clipped). Returns the (mean) loss; a loss that is not
// finite is returned before anything changes, and `step` counts only steps taken.
inline double adamStep(torch::optim::Adam& adam, const std::vector<at::Tensor>& parameters, const at::Tensor& loss,
                       double value, double lr, double gradClip, ProcessGroup* group, const BatchShard& shard,
                       bool stopRequested, std::int64_t& step, bool& stopAgreed) {
  if (!group && !std::isfinite(value)) return value;
  for (auto& g : adam.param_groups()) static_cast<torch::optim::AdamOptions&>(g.options()).lr(lr);
  adam.zero_grad();
  loss.backward();
  if (group) {
    // The batch's mean gradient and loss; every rank decides the same from them.
    const StepExchange ex = exchangeParameterGradients(*group, parameters, value, shard, stopRequested, step);
    value = ex.loss;
    stopAgreed = ex.stop;
    if (!std::isfinite(value)) return value;
  }
  if (gradClip > 0) torch::nn::utils::clip_grad_norm_(parameters, gradClip);
  adam.step();
  ++step;
  return value;
}

// Averages the loss over `every` steps; at each report, and at the run's last step, stores the mean
// in `lastLoss`, appends (step, mean) to `curve` (at most kMaxCurve points, enough for a plot) and
// calls `progress` with the run's images per second.
class LossReport {
 public:
  static constexpr std::size_t kMaxCurve = 4000;

  LossReport(int every, int batchSize, std::vector<std::pair<std::int64_t, double>>& curve, double& lastLoss)
      : m_every(every), m_batch(batchSize), m_curve(curve), m_last(lastLoss) {}

  // After step `step` (all runs), the `runStep`-th of `runTotal` of this run, `seconds` into it.
  void add(double loss, std::int64_t step, std::int64_t runStep, std::int64_t runTotal, double seconds,
           const ImageTrainProgressFn& progress) {
    m_sum += loss;
    ++m_count;
    if (m_count < m_every && runStep < runTotal) return;
    m_last = m_sum / m_count;
    if (m_curve.size() < kMaxCurve) m_curve.emplace_back(step, m_last);
    if (progress) {
      ImageTrainProgress p{step, runStep, runTotal, m_last, seconds, 0};
      p.imagesPerSecond = seconds > 0 ? double(runStep * m_batch) / seconds : 0;
      progress(p);
    }
    m_sum = 0;
    m_count = 0;
  }

 private:
  int m_every;
  int m_batch;
  std::vector<std::pair<std::int64_t, double>>& m_curve;
  double& m_last;
  double m_sum = 0;
  int m_count = 0;
};

}  // namespace ds::detail
