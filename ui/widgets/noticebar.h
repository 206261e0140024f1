#pragma once
// A message across the top of the window that does not block anything (unlike a dialog): a
// sentence or two, and buttons to answer it. The main window shows autosaved work found at start
// and crash reports of the last session in one (ui/recovery.h). Any button closes the bar, after
// its own handler ran, unless the handler called keepOpen().

#include <QFrame>
#include <QString>

#include <functional>

class QHBoxLayout;
class QLabel;
class QPushButton;

namespace ds::ui {

class NoticeBar : public QFrame {
  Q_OBJECT

 public:
  enum class Kind { Information, Warning };

  explicit NoticeBar(Kind kind, QWidget* parent = nullptr);

  // Rich text; links open in the desktop's browser or file manager.
  void setText(const QString& html);
  QString text() const;
  // Adds a button on the right; `onClick` runs when it is pressed, then the bar closes.
  QPushButton* addButton(const QString& text, const QString& objectName, std::function<void()> onClick);
  // Called from a button's handler: the bar stays (e.g. the text now says what went wrong).
  void keepOpen() { m_keepOpen = true; }

 Q_SIGNALS:
  void dismissed();  // the bar closed after a button

 private:
  QLabel* m_label = nullptr;
  QHBoxLayout* m_buttons = nullptr;
  bool m_keepOpen = false;
};

}  // namespace ds::ui
