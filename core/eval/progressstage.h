#pragma once
// One progress bar for a job made of stages: maps a stage's own progress (any total) into its
// share [from, from + span) of a 0..1000 scale, so the status bar moves steadily across stages.

#include "core/runtime/progress.h"

namespace ds {

inline ProgressFn progressStage(const ProgressFn& progress, long long from, long long span) {
  if (!progress) return {};
  return [=](const Progress& p) {
    Progress q = p;
    q.total = 1000;
    q.step = from + (p.total > 0 ? span * p.step / p.total : 0);
    progress(q);
  };
}

inline void throwIfCancelled(const CancelToken& cancel) {
  if (cancel.isCancelled()) throw Cancelled();
}

}  // namespace ds
