#pragma once
// Internal to core/training (not public API): the loss bookkeeping of a picture-model training run
// that ImageTrainer and ClassifierTrainer share.

#include "core/training/imagetrainer.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace ds::detail {

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
