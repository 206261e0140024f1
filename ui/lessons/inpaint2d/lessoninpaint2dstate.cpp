// The Inpaint 2-D lesson's part of a lesson file (ui/lessonfile.h, docs/lesson-files.md).

#include "ui/lessons/inpaint2d/lessoninpaint2d.h"

#include "core/sampling/inpaint.h"
#include "ui/lessons/inpaint2d/inpaint2ddocument.h"
#include "ui/lessons/inpaint2d/inpaint2dpresets.h"
#include "ui/lessons/statefields.h"

#include <QJsonArray>

#include <cmath>

namespace ds::ui {

namespace {
const QStringList kAxes = {QStringLiteral("x1"), QStringLiteral("x2")};
const QStringList kMethods = {QStringLiteral("replace"), QStringLiteral("repaint"), QStringLiteral("conditioned")};
}  // namespace

QJsonObject LessonInpaint2D::saveState() const {
  const Inpaint2DSettings& s = m_doc->settings();
  QJsonArray methods;
  for (size_t i = 0; i < s.shown.size(); ++i)
    if (s.shown[i]) methods.append(kMethods.at(static_cast<int>(i)));
  return {{QStringLiteral("mixture"), QString::fromStdString(s.mixture.toSpec())},
          {QStringLiteral("observed"), kAxes.at(s.observedDim)},
          {QStringLiteral("value"), s.value},
          {QStringLiteral("methods"), methods},
          {QStringLiteral("jump"), s.jump},
          {QStringLiteral("resample"), s.resample},
          {QStringLiteral("schedule"), state::scheduleName(s.scheduleKind)},
          {QStringLiteral("steps"), s.steps},
          {QStringLiteral("sampler"), s.ddim ? QStringLiteral("ddim") : QStringLiteral("ddpm")},
          {QStringLiteral("ddimSteps"), s.ddimSteps},
          {QStringLiteral("samples"), s.n},
          {QStringLiteral("seed"), static_cast<double>(s.seed)}};
}

bool LessonInpaint2D::applyState(const QJsonObject& object, QString* error) {
  // A fresh lesson's values (the first preset) for what the file leaves out.
  const Inpaint2DPreset& preset = inpaint2DPresets().front();
  Inpaint2DSettings s;
  s.mixture = GaussianMixture::parse(preset.spec.toStdString());
  s.observedDim = preset.observedDim;
  s.value = preset.value;

  JsonFields f(object, QStringLiteral("state"));
  state::readMixtureSpec(f, QStringLiteral("mixture"), 2, &s.mixture);
  QString axis = kAxes.at(s.observedDim), sampler = s.ddim ? QStringLiteral("ddim") : QStringLiteral("ddpm");
  f.choice(QStringLiteral("observed"), kAxes, &axis);
  s.observedDim = kAxes.indexOf(axis);
  f.number(QStringLiteral("value"), -20.0, 20.0, &s.value);
  s.value = std::round(s.value * 100.0) / 100.0;  // what the controls show (the document's rule)
  QJsonArray methods;
  if (f.array(QStringLiteral("methods"), 3, &methods) && f.has(QStringLiteral("methods"))) {
    s.shown = {false, false, false};
    for (const QJsonValue& m : methods) {
      const int i = kMethods.indexOf(m.toString());
      if (!m.isString() || i < 0) {
        f.fail(tr("“state.methods” may only list %1.").arg(kMethods.join(QStringLiteral(", "))));
        break;
      }
      s.shown[i] = true;
    }
    if (f.ok() && methods.isEmpty()) f.fail(tr("“state.methods” must list at least one method."));
  }
  f.integer(QStringLiteral("jump"), 1, kMaxInpaintJump, &s.jump);
  f.integer(QStringLiteral("resample"), 1, kMaxInpaintResample, &s.resample);
  state::readScheduleKind(f, QStringLiteral("schedule"), &s.scheduleKind);
  f.integer(QStringLiteral("steps"), 10, 2000, &s.steps);
  f.choice(QStringLiteral("sampler"), {QStringLiteral("ddpm"), QStringLiteral("ddim")}, &sampler);
  s.ddim = sampler == QLatin1String("ddim");
  f.integer(QStringLiteral("ddimSteps"), 1, 2000, &s.ddimSteps);
  f.integer(QStringLiteral("samples"), 50, 50000, &s.n);
  qint64 seed = 0;
  f.integer(QStringLiteral("seed"), qint64(0), qint64(999999), &seed);
  s.seed = static_cast<std::uint64_t>(seed);
  if (!f.finish()) {
    if (error) *error = f.error();
    return false;
  }
  m_doc->setSettings(s, tr("Open lesson file"));
  return true;
}

}  // namespace ds::ui
