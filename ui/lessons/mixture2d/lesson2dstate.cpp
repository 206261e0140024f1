// The 2-D lesson's part of a lesson file (ui/lessonfile.h, docs/lesson-files.md).

#include "ui/lessons/mixture2d/lesson2d.h"

#include "ui/lessons/mixture2d/mixture2ddocument.h"
#include "ui/lessons/statefields.h"

#include <QJsonArray>

namespace ds::ui {

namespace {
const QStringList kFieldKinds = {QStringLiteral("score"), QStringLiteral("-eps")};
}

QJsonObject Lesson2D::saveState() const {
  const Sampler2D& sampler = m_doc->sampler();
  QJsonObject o{{QStringLiteral("mixture"), QString::fromStdString(m_doc->editedMixture().toSpec())},
                {QStringLiteral("schedule"), state::scheduleName(m_doc->scheduleSpec().kind)},
                {QStringLiteral("steps"), m_doc->scheduleSpec().steps},
                {QStringLiteral("sampler"), sampler.ddim ? QStringLiteral("ddim") : QStringLiteral("ddpm")},
                {QStringLiteral("ddimSteps"), sampler.ddimSteps},
                {QStringLiteral("eta"), sampler.eta},
                {QStringLiteral("particles"), m_doc->particles()},
                {QStringLiteral("seed"), static_cast<double>(m_doc->seed())},
                {QStringLiteral("jump"), m_doc->jump()},
                {QStringLiteral("showField"), m_doc->showField()},
                {QStringLiteral("field"), kFieldKinds.at(m_doc->fieldKind() == FieldKind::Score ? 0 : 1)},
                {QStringLiteral("showPaths"), m_doc->showPaths()}};
  if (m_doc->hasXt()) o.insert(QStringLiteral("xt"), QJsonArray{m_doc->xtX(), m_doc->xtY()});
  return o;
}

bool Lesson2D::applyState(const QJsonObject& object, QString* error) {
  GaussianMixture mixture = GaussianMixture::parse(defaultSpec().toStdString());
  ScheduleSpec schedule;
  Sampler2D sampler;
  QString samplerName = QStringLiteral("ddpm"), field = kFieldKinds.at(0);
  int particles = 1000, jump = 1;
  qint64 seed = 0;
  bool showField = true, showPaths = true;
  std::vector<double> xt{0.6, 0.4};  // where the lesson puts the probe at first (lesson2d.cpp)

  JsonFields f(object, QStringLiteral("state"));
  state::readMixtureSpec(f, QStringLiteral("mixture"), 2, &mixture);
  state::readScheduleKind(f, QStringLiteral("schedule"), &schedule.kind);
  f.integer(QStringLiteral("steps"), 10, 2000, &schedule.steps);
  f.choice(QStringLiteral("sampler"), {QStringLiteral("ddpm"), QStringLiteral("ddim")}, &samplerName);
  sampler.ddim = samplerName == QLatin1String("ddim");
  f.integer(QStringLiteral("ddimSteps"), 1, 2000, &sampler.ddimSteps);
  f.number(QStringLiteral("eta"), 0.0, 1.0, &sampler.eta);
  f.integer(QStringLiteral("particles"), 50, 5000, &particles);
  f.integer(QStringLiteral("seed"), qint64(0), qint64(999999), &seed);
  f.integer(QStringLiteral("jump"), 1, 2000, &jump);
  f.boolean(QStringLiteral("showField"), &showField);
  f.choice(QStringLiteral("field"), kFieldKinds, &field);
  f.boolean(QStringLiteral("showPaths"), &showPaths);
  QJsonArray point;
  if (f.array(QStringLiteral("xt"), 2, &point) && f.has(QStringLiteral("xt"))) {
    QString why;
    QJsonArray one;  // (QJsonArray{point} would copy point, not wrap it)
    one.append(point);
    if (!readPoints(one, 2, 1e3, 1, QStringLiteral("state.xt"), &xt, &why)) f.fail(why);
  }
  if (!f.finish()) {
    if (error) *error = f.error();
    return false;
  }
  if (m_doc->isLocked()) {
    if (error)
      *error =
          tr("Switch the Denoiser back to exact before opening a lesson file: a learned model locks "
             "the data and schedule.");
    return false;
  }
  m_doc->setMixtureSpec(QString::fromStdString(mixture.toSpec()));
  m_doc->setScheduleKind(schedule.kind);
  m_doc->setSteps(schedule.steps);
  m_doc->setSampler(sampler);
  m_doc->setParticles(particles);
  m_doc->setSeed(static_cast<std::uint64_t>(seed));
  m_doc->setJump(jump);
  m_doc->setShowField(showField);
  m_doc->setFieldKind(field == kFieldKinds.at(0) ? FieldKind::Score : FieldKind::NegativeEps);
  m_doc->setShowPaths(showPaths);
  if (xt.size() == 2) m_doc->setPosteriorXt(xt[0], xt[1]);
  return true;
}

}  // namespace ds::ui
