; tracepoint:syscalls:sys_enter_read: 96 instructions, 104 slots
probe:
	  0: StMemW dst: rfp src: r0 off: -40 imm: 0
	  1: LoadMapPtr dst: r1 fd: 0 <scratch>
	  3: MovReg dst: r2 src: rfp
	  4: AddImm dst: r2 imm: -40
	  5: Call FnMapLookupElem
	  6: MovReg dst: r6 src: r0
	  7: JEqImm dst: r6 off: -1 imm: 0 <aggdone_11>
	  8: Call FnGetCurrentPidTgid
	  9: RShImm dst: r0 imm: 32
	 10: MovReg dst: r1 src: r0
	 11: ModImm dst: r1 imm: 8
	 12: LShImm dst: r1 imm: 32
	 13: ArShImm dst: r1 imm: 32
	 14: JSLEImm dst: r1 off: -1 imm: 0 <went_on_4>
	 15: StXMemDW dst: rfp src: r6 off: -16 imm: 0
	 16: StMemDW dst: rfp src: r0 off: -8 imm: 0
	 17: StMemDW dst: r6 src: r0 off: 0 imm: 0
	 18: LdImmDW dst: r2 imm: -1 <for_range_3>
	 20: MovReg dst: r3 src: rfp
	 21: AddImm dst: r3 imm: -16
	 22: MovImm dst: r4 imm: 0
	 23: Call FnLoop
	 24: LdXMemDW dst: r1 src: r6 off: 0 imm: 0
	 25: JEqImm dst: r1 off: -1 imm: 0 <went_on_4>
	 26: Ja off: -1 <aggdone_11>
went_on_4:
	 27: MovImm dst: r1 imm: 0
while_5:
	 28: JSGEImm dst: r1 off: -1 imm: 4 <endwhile_6>
	 29: MovImm dst: r2 imm: 1
	 30: AddReg dst: r1 src: r2
	 31: JNEImm dst: r1 off: -1 imm: 3 <while_5>
endwhile_6:
	 32: StMemDW dst: rfp src: r0 off: -24 imm: 0
	 33: LoadMapPtr dst: r1 fd: 0 <@u>
	 35: MovReg dst: r2 src: rfp
	 36: AddImm dst: r2 imm: -24
	 37: Call FnMapLookupElem
	 38: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_8>
	 39: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 40: AddImm dst: r1 imm: 1
	 41: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	 42: Ja off: -1 <aggdone_9>
aggmiss_8:
	 43: StMemDW dst: rfp src: r0 off: -32 imm: 1
	 44: LoadMapPtr dst: r1 fd: 0 <@u>
	 46: MovReg dst: r2 src: rfp
	 47: AddImm dst: r2 imm: -24
	 48: MovReg dst: r3 src: rfp
	 49: AddImm dst: r3 imm: -32
	 50: MovImm dst: r4 imm: 0
	 51: Call FnMapUpdateElem
aggdone_9:
	 52: StMemDW dst: rfp src: r0 off: -24 imm: 0
	 53: LoadMapPtr dst: r1 fd: 0 <@u>
	 55: MovReg dst: r2 src: rfp
	 56: AddImm dst: r2 imm: -24
	 57: Call FnMapLookupElem
	 58: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_10>
	 59: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 60: AddImm dst: r1 imm: 1
	 61: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	 62: Ja off: -1 <aggdone_11>
aggmiss_10:
	 63: StMemDW dst: rfp src: r0 off: -32 imm: 1
	 64: LoadMapPtr dst: r1 fd: 0 <@u>
	 66: MovReg dst: r2 src: rfp
	 67: AddImm dst: r2 imm: -24
	 68: MovReg dst: r3 src: rfp
	 69: AddImm dst: r3 imm: -32
	 70: MovImm dst: r4 imm: 0
	 71: Call FnMapUpdateElem
aggdone_11:
	 72: MovImm dst: r0 imm: 0
	 73: Exit
for_range_3:
	 74: LdXMemDW dst: r2 src: r2 off: 0 imm: 0
	 75: JNEImm dst: r1 off: -1 imm: 3 <for_range_3.else_5>
	 76: Ja off: -1 <for_range_3.aggdone_8>
for_range_3.else_5:
	 77: JNEImm dst: r1 off: -1 imm: 5 <for_range_3.else_6>
	 78: Ja off: -1 <for_range_3.return_1>
for_range_3.else_6:
	 79: StXMemDW dst: rfp src: r1 off: -8 imm: 0
	 80: LoadMapPtr dst: r1 fd: 0 <@>
	 82: MovReg dst: r2 src: rfp
	 83: AddImm dst: r2 imm: -8
	 84: Call FnMapLookupElem
	 85: JEqImm dst: r0 off: -1 imm: 0 <for_range_3.aggmiss_7>
	 86: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 87: AddImm dst: r1 imm: 1
	 88: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	 89: Ja off: -1 <for_range_3.aggdone_8>
for_range_3.aggmiss_7:
	 90: StMemDW dst: rfp src: r0 off: -16 imm: 1
	 91: LoadMapPtr dst: r1 fd: 0 <@>
	 93: MovReg dst: r2 src: rfp
	 94: AddImm dst: r2 imm: -8
	 95: MovReg dst: r3 src: rfp
	 96: AddImm dst: r3 imm: -16
	 97: MovImm dst: r4 imm: 0
	 98: Call FnMapUpdateElem
for_range_3.aggdone_8:
	 99: MovImm dst: r0 imm: 0
	100: Ja off: -1 <for_range_3.done_2>
for_range_3.return_1:
	101: StMemDW dst: r2 src: r0 off: 0 imm: 1
	102: MovImm dst: r0 imm: 1
for_range_3.done_2:
	103: Exit

