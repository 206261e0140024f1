#include "ui/lessons/train/traindrawing.h"

#include <QUndoCommand>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace ds::ui {

class SprayCommand : public QUndoCommand {
 public:
  SprayCommand(TrainDrawing* doc, std::vector<QPointF> points, int stroke)
      : QUndoCommand(QObject::tr("Spray %n point(s)", nullptr, static_cast<int>(points.size()))),
        m_doc(doc),
        m_points(std::move(points)),
        m_stroke(stroke) {}

  int id() const override { return 1; }
  bool mergeWith(const QUndoCommand* other) override {
    const auto* o = static_cast<const SprayCommand*>(other);
    if (o->m_stroke != m_stroke) return false;
    m_points.insert(m_points.end(), o->m_points.begin(), o->m_points.end());
    setText(QObject::tr("Spray %n point(s)", nullptr, static_cast<int>(m_points.size())));
    return true;
  }
  void redo() override { m_doc->append(m_points); }
  void undo() override { m_doc->removeLast(static_cast<int>(m_points.size())); }

 private:
  TrainDrawing* m_doc;
  std::vector<QPointF> m_points;
  int m_stroke;
};

class ReplaceCommand : public QUndoCommand {
 public:
  ReplaceCommand(TrainDrawing* doc, std::vector<QPointF> after, const QString& text)
      : QUndoCommand(text), m_doc(doc), m_before(doc->points()), m_after(std::move(after)) {}
  void redo() override { m_doc->set(m_after); }
  void undo() override { m_doc->set(m_before); }

 private:
  TrainDrawing* m_doc;
  std::vector<QPointF> m_before, m_after;
};

TrainDrawing::TrainDrawing(QObject* parent) : QObject(parent), m_undo(new QUndoStack(this)) {}

void TrainDrawing::spray(QPointF centre, double radius, int count, int stroke) {
  count = std::min(count, kMaxPoints - size());
  if (count <= 0 || !(radius > 0)) return;
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<QPointF> pts;
  pts.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    // Uniform in the disc: r = R√u keeps the areal density constant.
    const double r = radius * std::sqrt(u(m_rng));
    const double a = 2 * M_PI * u(m_rng);
    pts.emplace_back(centre.x() + r * std::cos(a), centre.y() + r * std::sin(a));
  }
  m_undo->push(new SprayCommand(this, std::move(pts), stroke));
}

void TrainDrawing::replaceAll(const std::vector<QPointF>& points, const QString& what) {
  std::vector<QPointF> capped(points.begin(), points.begin() + std::min<size_t>(points.size(), kMaxPoints));
  m_undo->push(new ReplaceCommand(this, std::move(capped), what));
}

void TrainDrawing::clear() {
  if (m_points.empty()) return;
  replaceAll({}, tr("Clear drawing"));
}

void TrainDrawing::append(const std::vector<QPointF>& points) {
  m_points.insert(m_points.end(), points.begin(), points.end());
  Q_EMIT changed();
}

void TrainDrawing::removeLast(int count) {
  m_points.resize(static_cast<size_t>(std::max(0, size() - count)));
  Q_EMIT changed();
}

void TrainDrawing::set(const std::vector<QPointF>& points) {
  m_points = points;
  Q_EMIT changed();
}

}  // namespace ds::ui
