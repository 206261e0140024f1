// The 1-D lesson's part of a lesson file (ui/lessonfile.h, docs/lesson-files.md).

#include "ui/lessons/mixture1d/lesson1d.h"

#include "ui/lessons/mixture1d/mixture1ddocument.h"
#include "ui/lessons/statefields.h"

#include <QJsonArray>

namespace ds::ui {

namespace {
constexpr int kMaxComponents = 8;  // as the mixture table
}

QJsonObject Lesson1D::saveState() const {
  QJsonArray components;
  for (const Component1D& c : m_doc->components())
    components.append(QJsonObject{
        {QStringLiteral("weight"), c.weight}, {QStringLiteral("mean"), c.mean}, {QStringLiteral("std"), c.std}});
  return {{QStringLiteral("components"), components},
          {QStringLiteral("schedule"), state::scheduleName(m_doc->scheduleSpec().kind)},
          {QStringLiteral("steps"), m_doc->scheduleSpec().steps},
          {QStringLiteral("particles"), m_doc->particles()},
          {QStringLiteral("seed"), static_cast<double>(m_doc->seed())},
          {QStringLiteral("xt"), m_doc->posteriorXt()},
          {QStringLiteral("jump"), m_doc->jump()}};
}

bool Lesson1D::applyState(const QJsonObject& object, QString* error) {
  // A fresh lesson's values for what the file leaves out.
  std::vector<Component1D> components = Mixture1DDocument::lectureComponents();
  ScheduleSpec schedule;
  int particles = 2000, jump = 1;
  qint64 seed = 0;
  double xt = 0.0;

  JsonFields f(object, QStringLiteral("state"));
  QJsonArray rows;
  if (f.has(QStringLiteral("components")) && f.array(QStringLiteral("components"), kMaxComponents, &rows)) {
    if (rows.isEmpty()) f.fail(tr("“state.components” needs at least one component."));
    components.clear();
    for (int i = 0; f.ok() && i < rows.size(); ++i) {
      const QString where = QStringLiteral("state.components[%1]").arg(i);
      if (!rows.at(i).isObject()) {
        f.fail(tr("“%1” must be an object with weight, mean and std.").arg(where));
        break;
      }
      Component1D c;
      JsonFields cf(rows.at(i).toObject(), where);
      cf.number(QStringLiteral("weight"), 0.01, 100.0, &c.weight);
      cf.number(QStringLiteral("mean"), -10.0, 10.0, &c.mean);
      cf.number(QStringLiteral("std"), 0.02, 5.0, &c.std);
      if (!cf.finish()) f.fail(cf.error());
      components.push_back(c);
    }
  } else {
    f.array(QStringLiteral("components"), kMaxComponents, &rows);  // marks it read
  }
  state::readScheduleKind(f, QStringLiteral("schedule"), &schedule.kind);
  f.integer(QStringLiteral("steps"), 10, 2000, &schedule.steps);
  f.integer(QStringLiteral("particles"), 100, 5000, &particles);
  f.integer(QStringLiteral("seed"), qint64(0), qint64(999999), &seed);
  f.number(QStringLiteral("xt"), -20.0, 20.0, &xt);
  f.integer(QStringLiteral("jump"), 1, 2000, &jump);
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
  m_doc->setComponents(components);
  m_doc->setScheduleKind(schedule.kind);
  m_doc->setSteps(schedule.steps);
  m_doc->setParticles(particles);
  m_doc->setSeed(static_cast<std::uint64_t>(seed));
  m_doc->setPosteriorXt(xt);
  m_doc->setJump(jump);
  return true;
}

}  // namespace ds::ui
