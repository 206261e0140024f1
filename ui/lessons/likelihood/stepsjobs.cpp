#include "ui/lessons/likelihood/stepsjobs.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <stdexcept>

namespace ds::ui {

namespace {
constexpr int kMaxListed = 32;
}

std::vector<StepsQualityRow> StepsResult::rowsOf(StepsSampler sampler) const {
  std::vector<StepsQualityRow> rows;
  for (const StepsQualityRow& r : quality.rows)
    if (r.sampler == sampler) rows.push_back(r);
  std::sort(rows.begin(), rows.end(),
            [](const StepsQualityRow& a, const StepsQualityRow& b) { return a.steps < b.steps; });
  return rows;
}

bool parseStepsList(const QString& text, std::vector<int>* out, QString* error) {
  std::vector<int> steps;
  const QStringList parts = text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
  for (const QString& part : parts) {
    bool ok = false;
    const int s = part.toInt(&ok);
    if (!ok || s < 1 || s > 100000) {
      *error =
          QCoreApplication::translate("ds::ui::StepsPage", "“%1” is not a step count (a whole number ≥ 1).").arg(part);
      return false;
    }
    steps.push_back(s);
  }
  std::sort(steps.begin(), steps.end());
  steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
  if (steps.empty()) {
    *error = QCoreApplication::translate("ds::ui::StepsPage", "List at least one step count S, e.g. 5, 20, 100.");
    return false;
  }
  if (static_cast<int>(steps.size()) > kMaxListed) {
    *error = QCoreApplication::translate("ds::ui::StepsPage", "At most %1 step counts.").arg(kMaxListed);
    return false;
  }
  *out = std::move(steps);
  return true;
}

QString formatStepsList(const std::vector<int>& steps) {
  QStringList parts;
  for (int s : steps) parts << QString::number(s);
  return parts.join(QStringLiteral(", "));
}

StepsResult runSteps(const StepsRequest& request, const ProgressFn& progress, const CancelToken& cancel) {
  StepsResult out;
  out.generation = request.setup.generation;
  out.settings = request.settings;
  out.T = request.setup.schedule.steps;
  for (int s : request.settings.steps) (s <= out.T ? out.steps : out.dropped).push_back(s);
  if (out.steps.empty()) throw std::invalid_argument("every step count is above T = " + std::to_string(out.T));
  if (request.settings.samplers.empty()) throw std::invalid_argument("choose at least one sampler");
  StepsQualityRequest q;
  q.data = request.setup.mixture;
  q.schedule = request.setup.schedule;
  q.samplers = request.settings.samplers;
  q.steps = out.steps;
  q.n = request.settings.n;
  q.correctorSteps = request.settings.correctorSteps;
  q.snr = request.settings.snr;
  q.seed = request.settings.seed;
  q.device = request.device;
  out.quality = stepsAgainstQuality(q, progress, cancel);
  return out;
}

}  // namespace ds::ui
