// The Train lesson's part of a lesson file (ui/lessonfile.h, docs/lesson-files.md): the data set
// (a toy, the drawn points or the CSV points themselves), the schedule, network and training
// settings and the seed. A trained model is not part of it: save it as a checkpoint.

#include "ui/lessons/train/lessontrain.h"

#include "core/data/toys.h"
#include "ui/lessons/statefields.h"
#include "ui/lessons/train/traindocument.h"
#include "ui/lessons/train/traindrawing.h"

#include <QJsonArray>

namespace ds::ui {

namespace {

constexpr int kMaxPoints = 200000;
constexpr double kMaxCoordinate = 1e6;

QJsonArray pointsJson(const std::vector<float>& values, int dim) {
  QJsonArray points;
  for (size_t i = 0; i + dim <= values.size(); i += dim) {
    QJsonArray p;
    for (int d = 0; d < dim; ++d) p.append(static_cast<double>(values[i + d]));
    points.append(p);
  }
  return points;
}

}  // namespace

QJsonObject LessonTrain::saveState() const {
  const TrainDocument& d = *m_doc;
  QJsonObject o{{QStringLiteral("data"), d.dataKey()},
                {QStringLiteral("toyPoints"), d.toyPointCount()},
                {QStringLiteral("brushRadius"), d.brushRadius()},
                {QStringLiteral("brushDensity"), d.brushDensity()},
                {QStringLiteral("schedule"), state::scheduleName(d.schedule().kind)},
                {QStringLiteral("steps"), d.schedule().steps},
                {QStringLiteral("hidden"), d.hidden()},
                {QStringLiteral("layers"), d.layers()},
                {QStringLiteral("learningRate"), d.learningRate()},
                {QStringLiteral("batchSize"), d.batchSize()},
                {QStringLiteral("iterations"), static_cast<double>(d.iterations())},
                {QStringLiteral("seed"), static_cast<double>(d.seed())},
                {QStringLiteral("vlbWeighting"), d.vlbWeighting()}};
  // Drawn or CSV points are the data itself: they travel in the file (in data units).
  if (d.dataKey() == TrainDocument::kDrawn || d.dataKey() == TrainDocument::kCsv) {
    o.insert(QStringLiteral("dim"), d.dim());
    o.insert(QStringLiteral("points"), pointsJson(d.data(), d.dim()));
  }
  return o;
}

bool LessonTrain::applyState(const QJsonObject& object, QString* error) {
  QStringList keys;
  for (const std::string& name : toyNames()) keys << QString::fromStdString(name);
  keys << TrainDocument::kDrawn << TrainDocument::kCsv;
  const TrainDocument fresh;  // a fresh lesson's values for what the file leaves out
  QString data = fresh.dataKey();
  int toyPoints = fresh.toyPointCount(), brushDensity = fresh.brushDensity(), dim = 2;
  double brushRadius = fresh.brushRadius();
  ScheduleSpec schedule = fresh.schedule();
  int hidden = fresh.hidden(), layers = fresh.layers(), batch = fresh.batchSize();
  double lr = fresh.learningRate();
  qint64 iterations = fresh.iterations(), seed = static_cast<qint64>(fresh.seed());
  bool vlb = fresh.vlbWeighting();
  std::vector<double> points;

  JsonFields f(object, QStringLiteral("state"));
  f.choice(QStringLiteral("data"), keys, &data);
  f.integer(QStringLiteral("toyPoints"), 200, 20000, &toyPoints);
  f.number(QStringLiteral("brushRadius"), 0.02, 2.0, &brushRadius);
  f.integer(QStringLiteral("brushDensity"), 1, 100, &brushDensity);
  state::readScheduleKind(f, QStringLiteral("schedule"), &schedule.kind);
  f.integer(QStringLiteral("steps"), 10, 4000, &schedule.steps);
  f.integer(QStringLiteral("hidden"), 8, 1024, &hidden);
  f.integer(QStringLiteral("layers"), 1, 8, &layers);
  f.number(QStringLiteral("learningRate"), 1e-5, 0.1, &lr);
  f.integer(QStringLiteral("batchSize"), 8, 8192, &batch);
  f.integer(QStringLiteral("iterations"), qint64(10), qint64(1000000), &iterations);
  f.integer(QStringLiteral("seed"), qint64(0), qint64(999999), &seed);
  f.boolean(QStringLiteral("vlbWeighting"), &vlb);
  f.integer(QStringLiteral("dim"), 1, 2, &dim);
  QJsonArray list;
  f.array(QStringLiteral("points"), kMaxPoints, &list);
  const bool ownPoints = data == TrainDocument::kDrawn || data == TrainDocument::kCsv;
  if (f.ok() && data == TrainDocument::kDrawn && dim != 2) f.fail(tr("Drawn points are 2-D (“state.dim” = 2)."));
  if (f.ok() && ownPoints) {
    QString why;
    if (!readPoints(list, dim, kMaxCoordinate, kMaxPoints, QStringLiteral("state.points"), &points, &why)) f.fail(why);
  } else if (f.ok() && f.has(QStringLiteral("points"))) {
    f.fail(tr("“state.points” belongs only to the data “drawn” or “csv”, not “%1”.").arg(data));
  }
  if (!f.finish()) {
    if (error) *error = f.error();
    return false;
  }
  if (state() != TrainState::Idle) {
    if (error) *error = tr("A training run is going on: stop it (or let it finish) before opening a lesson file.");
    return false;
  }
  if (data == TrainDocument::kDrawn) {
    std::vector<QPointF> drawn;
    for (size_t i = 0; i + 1 < points.size(); i += 2) drawn.emplace_back(points[i], points[i + 1]);
    if (drawn != m_doc->drawing()->points()) m_doc->drawing()->replaceAll(drawn, tr("Open lesson file"));
  } else if (data == TrainDocument::kCsv) {
    m_doc->setCsvPoints(std::vector<float>(points.begin(), points.end()), dim, tr("points from a lesson file"));
  }
  m_doc->setDataKey(data);
  m_doc->setToyPointCount(toyPoints);
  m_doc->setBrushRadius(brushRadius);
  m_doc->setBrushDensity(brushDensity);
  m_doc->setSchedule(schedule);
  m_doc->setHidden(hidden);
  m_doc->setLayers(layers);
  m_doc->setLearningRate(lr);
  m_doc->setBatchSize(batch);
  m_doc->setIterations(iterations);
  m_doc->setSeed(static_cast<std::uint64_t>(seed));
  m_doc->setVlbWeighting(vlb);
  return true;
}

}  // namespace ds::ui
