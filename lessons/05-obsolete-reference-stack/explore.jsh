// Watch lesson 05 leak: in rounds, make more and more edits of 1 KiB each and undo all of them
// again. After each round, print how many edits can still be undone and the heap in use.
//   mvn -q compile && jshell --class-path target/classes explore.jsh

import com.example.editor.*;

var history = new UndoStack();

long usedHeapKiB() {
    System.gc();
    var runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) / 1024;
}

System.out.printf("before: %,d KiB of heap in use%n", usedHeapKiB());
for (int round = 1; round <= 5; round++) {
    int edits = round * 20_000;
    for (int i = 0; i < edits; i++) {
        history.push(new Edit("Typing", i, "", "x".repeat(1024)));
    }
    while (!history.isEmpty()) {
        history.pop();
    }
    System.out.printf("after %,7d edits, all undone: %d edits left to undo, %,9d KiB of heap in use%n",
            edits, history.size(), usedHeapKiB());
}
System.out.println("If the heap grew round after round though every edit was undone, UndoStack still leaks: fix it and open");
System.out.println("the shell again (`./kata shell 05`). If it stayed near where it started, the fix holds.");
/exit
