#pragma once
// The point set the user sprays on the plane in the Train lesson: a small document with a
// QUndoStack (DESIGN.md: editing state lives in a document; a drag merges into one undo step).

#include <QObject>
#include <QPointF>

#include <random>
#include <vector>

class QUndoStack;

namespace ds::ui {

class TrainDrawing : public QObject {
  Q_OBJECT

 public:
  explicit TrainDrawing(QObject* parent = nullptr);

  const std::vector<QPointF>& points() const { return m_points; }
  int size() const { return static_cast<int>(m_points.size()); }
  QUndoStack* undoStack() const { return m_undo; }

  // One dab of the spray brush: `count` points uniform in the disc of `radius` around `centre`.
  // Dabs with the same stroke id (one mouse drag) merge into one undo step.
  void spray(QPointF centre, double radius, int count, int stroke);
  // Replaces every point (one undo step); an empty list clears.
  void replaceAll(const std::vector<QPointF>& points, const QString& what);
  void clear();

  static constexpr int kMaxPoints = 20000;

 Q_SIGNALS:
  void changed();

 private:
  friend class SprayCommand;
  friend class ReplaceCommand;
  void append(const std::vector<QPointF>& points);
  void removeLast(int count);
  void set(const std::vector<QPointF>& points);

  std::vector<QPointF> m_points;
  QUndoStack* m_undo = nullptr;
  std::mt19937 m_rng{20200619};  // reproducible dabs for a given sequence of strokes
};

}  // namespace ds::ui
