; tracepoint:syscalls:sys_enter_read: 86 instructions, 92 slots
probe:
	  0: MovImm dst: r6 imm: 0
	  1: Call FnGetCurrentPidTgid
	  2: RShImm dst: r0 imm: 32
	  3: MovReg dst: r3 src: r0
	  4: ModImm dst: r3 imm: 8
	  5: MovReg dst: r2 src: r6
	  6: MovReg dst: r1 src: rfp
	  7: AddImm dst: r1 imm: -8
	  8: Call Kfunc(1031)
for_2:
	  9: MovReg dst: r1 src: rfp
	 10: AddImm dst: r1 imm: -8
	 11: Call Kfunc(1032)
	 12: JEqImm dst: r0 off: -1 imm: 0 <endfor_3>
	 13: LdXMemSXW dst: r1 src: r0 off: 0 imm: 0
	 14: JNEImm dst: r1 off: -1 imm: 3 <else_4>
	 15: Ja off: -1 <for_2>
else_4:
	 16: JNEImm dst: r1 off: -1 imm: 5 <else_5>
	 17: MovReg dst: r1 src: rfp
	 18: AddImm dst: r1 imm: -8
	 19: Call Kfunc(1033)
	 20: Ja off: -1 <aggdone_14>
else_5:
	 21: StXMemDW dst: rfp src: r1 off: -16 imm: 0
	 22: LoadMapPtr dst: r1 fd: 0 <@>
	 24: MovReg dst: r2 src: rfp
	 25: AddImm dst: r2 imm: -16
	 26: Call FnMapLookupElem
	 27: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_6>
	 28: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 29: AddImm dst: r1 imm: 1
	 30: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	 31: Ja off: -1 <for_2>
aggmiss_6:
	 32: StMemDW dst: rfp src: r0 off: -24 imm: 1
	 33: LoadMapPtr dst: r1 fd: 0 <@>
	 35: MovReg dst: r2 src: rfp
	 36: AddImm dst: r2 imm: -16
	 37: MovReg dst: r3 src: rfp
	 38: AddImm dst: r3 imm: -24
	 39: MovImm dst: r4 imm: 0
	 40: Call FnMapUpdateElem
	 41: Ja off: -1 <for_2>
endfor_3:
	 42: MovReg dst: r1 src: rfp
	 43: AddImm dst: r1 imm: -8
	 44: Call Kfunc(1033)
	 45: MovImm dst: r1 imm: 0
while_8:
	 46: JSGEImm dst: r1 off: -1 imm: 4 <endwhile_9>
	 47: MovImm dst: r2 imm: 1
	 48: AddReg dst: r1 src: r2
	 49: JNEImm dst: r1 off: -1 imm: 3 <while_8>
endwhile_9:
	 50: StMemDW dst: rfp src: r0 off: -16 imm: 0
	 51: LoadMapPtr dst: r1 fd: 0 <@u>
	 53: MovReg dst: r2 src: rfp
	 54: AddImm dst: r2 imm: -16
	 55: Call FnMapLookupElem
	 56: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_11>
	 57: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 58: AddImm dst: r1 imm: 1
	 59: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	 60: Ja off: -1 <aggdone_12>
aggmiss_11:
	 61: StMemDW dst: rfp src: r0 off: -24 imm: 1
	 62: LoadMapPtr dst: r1 fd: 0 <@u>
	 64: MovReg dst: r2 src: rfp
	 65: AddImm dst: r2 imm: -16
	 66: MovReg dst: r3 src: rfp
	 67: AddImm dst: r3 imm: -24
	 68: MovImm dst: r4 imm: 0
	 69: Call FnMapUpdateElem
aggdone_12:
	 70: StMemDW dst: rfp src: r0 off: -16 imm: 0
	 71: LoadMapPtr dst: r1 fd: 0 <@u>
	 73: MovReg dst: r2 src: rfp
	 74: AddImm dst: r2 imm: -16
	 75: Call FnMapLookupElem
	 76: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_13>
	 77: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 78: AddImm dst: r1 imm: 1
	 79: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	 80: Ja off: -1 <aggdone_14>
aggmiss_13:
	 81: StMemDW dst: rfp src: r0 off: -24 imm: 1
	 82: LoadMapPtr dst: r1 fd: 0 <@u>
	 84: MovReg dst: r2 src: rfp
	 85: AddImm dst: r2 imm: -16
	 86: MovReg dst: r3 src: rfp
	 87: AddImm dst: r3 imm: -24
	 88: MovImm dst: r4 imm: 0
	 89: Call FnMapUpdateElem
aggdone_14:
	 90: MovImm dst: r0 imm: 0
	 91: Exit

