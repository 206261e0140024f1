#pragma once
// Keyboard shortcuts shared by the lessons' editors.

#include <QKeySequence>
#include <QList>

namespace ds::ui {

// Ctrl+Shift+Z and the platform's Redo keys, each once. On X11 desktops QKeySequence::Redo *is*
// Ctrl+Shift+Z, and one key given twice to an action is an "Ambiguous shortcut overload" that does
// nothing (issue 12: redo in the Train drawing did nothing).
QList<QKeySequence> redoShortcuts();

}  // namespace ds::ui
