#pragma once
// The lessons' control column: a vertical scroll area exactly as wide as its content needs, so
// presentation-size fonts widen the column instead of clipping it, and a short window scrolls
// the controls instead of growing taller than the screen.

#include <QScrollArea>

namespace ds::ui {

class ControlsScrollArea : public QScrollArea {
  Q_OBJECT

 public:
  explicit ControlsScrollArea(QWidget* content, QWidget* parent = nullptr);

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  int contentWidth() const;
};

}  // namespace ds::ui
