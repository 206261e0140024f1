#include "ui/widgets/shortcuts.h"

namespace ds::ui {

QList<QKeySequence> redoShortcuts() {
  QList<QKeySequence> keys{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)};
  for (const QKeySequence& key : QKeySequence::keyBindings(QKeySequence::Redo)) {
    if (!key.isEmpty() && !keys.contains(key)) keys << key;
  }
  return keys;
}

}  // namespace ds::ui
