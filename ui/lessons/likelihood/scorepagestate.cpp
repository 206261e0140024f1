// The "Score & Langevin" page's part of a lesson file ("pages": {"score": {...}}; docs/lesson-files.md).

#include "ui/lessons/likelihood/scorepage.h"

#include "ui/lessonfile.h"
#include "ui/lessons/likelihood/scorecontrols.h"

#include <QJsonArray>
#include <QSpinBox>

namespace ds::ui {

namespace {
const QStringList kModes = {QStringLiteral("fixed"), QStringLiteral("annealed")};
const QStringList kStepRules = {QStringLiteral("snr"), QStringLiteral("fixed")};
const QStringList kStarts = {QStringLiteral("gaussian"), QStringLiteral("point")};
}  // namespace

QJsonObject ScorePage::saveState() const {
  const ScoreSettings s = settings();
  const double sx = s.start.size() > 0 ? s.start[0] : 0, sy = s.start.size() > 1 ? s.start[1] : 0;
  return QJsonObject{{QStringLiteral("mode"), kModes.at(s.mode == LangevinMode::Annealed ? 1 : 0)},
                     {QStringLiteral("particles"), s.particles},
                     {QStringLiteral("stepsPerLevel"), s.stepsPerLevel},
                     {QStringLiteral("stepRule"), kStepRules.at(s.snrRule ? 0 : 1)},
                     {QStringLiteral("snr"), s.snr},
                     {QStringLiteral("stepSize"), s.stepSize},
                     {QStringLiteral("levels"), s.levels},
                     {QStringLiteral("denoiseFinal"), s.denoiseFinal},
                     {QStringLiteral("start"), kStarts.at(s.startAtPoint ? 1 : 0)},
                     {QStringLiteral("startPoint"), QJsonArray{sx, sy}},
                     {QStringLiteral("seed"), static_cast<double>(s.seed)},
                     {QStringLiteral("speed"), m_speed->value()}};
}

bool ScorePage::applyState(const QJsonObject& state, QString* error) {
  ScoreSettings s;  // absent keys: the defaults
  QString mode = kModes.at(0), rule = kStepRules.at(0), start = kStarts.at(0);
  qint64 seed = 0;
  int speed = m_speed->value();
  std::vector<double> point = s.start;

  JsonFields f(state, QStringLiteral("state.pages.score"));
  f.choice(QStringLiteral("mode"), kModes, &mode);
  f.integer(QStringLiteral("particles"), 10, 5000, &s.particles);
  f.integer(QStringLiteral("stepsPerLevel"), 1, 2000, &s.stepsPerLevel);
  f.choice(QStringLiteral("stepRule"), kStepRules, &rule);
  f.number(QStringLiteral("snr"), 0.001, 2.0, &s.snr);
  f.number(QStringLiteral("stepSize"), 0.00001, 1.0, &s.stepSize);
  f.integer(QStringLiteral("levels"), 2, 2000, &s.levels);
  f.boolean(QStringLiteral("denoiseFinal"), &s.denoiseFinal);
  f.choice(QStringLiteral("start"), kStarts, &start);
  QJsonArray startPoint;
  if (f.array(QStringLiteral("startPoint"), 2, &startPoint) && f.has(QStringLiteral("startPoint"))) {
    QString why;
    QJsonArray one;  // (QJsonArray{startPoint} would copy it, not wrap it)
    one.append(startPoint);
    if (!readPoints(one, 2, 1e3, 1, f.where(QStringLiteral("startPoint")), &point, &why)) f.fail(why);
  }
  f.integer(QStringLiteral("seed"), qint64(0), qint64(999999), &seed);
  f.integer(QStringLiteral("speed"), 1, 120, &speed);
  if (!f.finish()) {
    if (error) *error = f.error();
    return false;
  }
  s.mode = mode == kModes.at(1) ? LangevinMode::Annealed : LangevinMode::FixedT;
  s.snrRule = rule == kStepRules.at(0);
  s.startAtPoint = start == kStarts.at(1);
  s.start = point;
  s.seed = static_cast<std::uint64_t>(seed);
  m_controls->setSettings(s);
  m_speed->setValue(speed);
  requestCompute(false);
  updateReadout();
  return true;
}

}  // namespace ds::ui
