import './admin-screen.ts';
